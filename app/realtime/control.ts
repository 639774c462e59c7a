/** What routes may ask of the socket server (implemented in server/realtime.server.ts). */
export interface RealtimeControl {
  /** Disconnects every socket opened with this session, on every process. */
  disconnectSession(sessionId: string): Promise<void>;
  /** Re-reads the user and removes their sockets from rooms the policy no longer allows. */
  revalidateUser(userId: string): Promise<void>;
  connectedCount(): number;
}
