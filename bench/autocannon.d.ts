// The parts of autocannon's API bench/ uses (the package ships no types).
declare module "autocannon" {
  interface Result {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  interface RequestSpec {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    setupRequest?: (request: { headers?: Record<string, string> }, context: any) => object;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    onResponse?: (status: number, body: string, context: any) => void;
  }
  export default function autocannon(options: {
    url: string;
    connections: number;
    duration: number;
    headers?: Record<string, string>;
    requests?: RequestSpec[];
    setupClient?: (client: { setHeaders(headers: Record<string, string>): void }) => void;
  }): Promise<Result>;
}
