import { CartesianGrid, Legend, Line, LineChart, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from "recharts";
import { ClientOnly } from "./client-only";
import type { Formatters } from "./format";

/**
 * Charts (recharts, docs/decisions/021-program-analytics.md). Each is a <figure> with a visible
 * title, labelled axes, shapes and dash patterns that tell series apart without colour, and a
 * table of the same figures next to it; the chart itself draws after hydration.
 */
export interface ScatterPoint {
  name: string;
  engagement: number;
  measure: number;
  communitySector: boolean;
}

const WIDTH = 640;
const HEIGHT = 360;

export function EngagementScatter({ id, title, measureLabel, points, format }: { id: string; title: string; measureLabel: string; points: ScatterPoint[]; format: Formatters }) {
  const sector = points.filter((p) => p.communitySector);
  const others = points.filter((p) => !p.communitySector);
  return (
    <figure className="analytics-chart" aria-labelledby={`${id}-title`} data-testid="engagement-scatter">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <p className="field-hint">
        Each point is an organization: engagement points across, {measureLabel.toLowerCase()} up. Triangles are community-sector partners, circles the rest. Hover or focus a point for its name; the table below has every figure.
      </p>
      <ClientOnly fallback={<div className="chart-placeholder" style={{ height: HEIGHT }} />}>
        {() => (
          <ScatterChart width={WIDTH} height={HEIGHT} margin={{ top: 10, right: 20, bottom: 40, left: 30 }} title={title}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" dataKey="engagement" name="Engagement points" tickFormatter={(v: number) => format.number(v)} label={{ value: "Engagement points", position: "insideBottom", offset: -25 }} />
            <YAxis type="number" dataKey="measure" name={measureLabel} tickFormatter={(v: number) => format.number(v)} width={90} label={{ value: measureLabel, angle: -90, position: "insideLeft", offset: -15 }} />
            <ZAxis range={[70, 70]} />
            <Tooltip cursor={{ strokeDasharray: "3 3" }} content={<PointTooltip measureLabel={measureLabel} format={format} />} />
            <Legend verticalAlign="top" />
            <Scatter name="Community-sector focus" data={sector} fill="#b35900" shape="triangle" />
            <Scatter name="Other partners" data={others} fill="#1c5fbf" shape="circle" />
          </ScatterChart>
        )}
      </ClientOnly>
    </figure>
  );
}

function PointTooltip({ active, payload, measureLabel, format }: { active?: boolean; payload?: { payload: ScatterPoint }[]; measureLabel: string; format: Formatters }) {
  const point = active ? payload?.[0]?.payload : undefined;
  if (!point) return null;
  return (
    <div className="chart-tooltip" data-testid="scatter-tooltip">
      <strong>{point.name}</strong>
      <div>Engagement points: {format.number(point.engagement)}</div>
      <div>
        {measureLabel}: {format.number(point.measure)}
      </div>
    </div>
  );
}

export interface TrendSeries {
  key: string;
  label: string;
  /** Which axis: engagement on the left, program figures on the right. */
  axis: "left" | "right";
}

export function TrendChart({ id, title, rows, series, format, leftLabel, rightLabel }: { id: string; title: string; rows: Record<string, number | string>[]; series: TrendSeries[]; format: Formatters; leftLabel: string; rightLabel: string }) {
  const dashes = ["", "6 4", "2 3", "10 3 2 3"];
  const colours = ["#1c5fbf", "#b35900", "#1d6b35", "#6b3fa0"];
  const dots = ["circle", "square", "triangle", "diamond"] as const;
  return (
    <figure className="analytics-chart" aria-labelledby={`${id}-title`} data-testid="trend-chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <p className="field-hint">Solid, dashed and dotted lines tell the series apart; the table below has the figures per month.</p>
      <ClientOnly fallback={<div className="chart-placeholder" style={{ height: HEIGHT }} />}>
        {() => (
          <LineChart width={WIDTH} height={HEIGHT} data={rows} margin={{ top: 10, right: 30, bottom: 30, left: 30 }} title={title}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" tickFormatter={(m: string) => format.month(m)} label={{ value: "Month", position: "insideBottom", offset: -15 }} />
            <YAxis yAxisId="left" tickFormatter={(v: number) => format.number(v)} width={80} label={{ value: leftLabel, angle: -90, position: "insideLeft", offset: -15 }} />
            <YAxis yAxisId="right" orientation="right" tickFormatter={(v: number) => format.number(v)} width={90} label={{ value: rightLabel, angle: 90, position: "insideRight", offset: -15 }} />
            <Tooltip labelFormatter={(m) => format.month(String(m))} formatter={(value) => format.decimal(Number(value))} />
            <Legend verticalAlign="top" />
            {series.map((s, i) => (
              <Line key={s.key} yAxisId={s.axis} type="monotone" dataKey={s.key} name={s.label} stroke={colours[i % 4]} strokeDasharray={dashes[i % 4]} strokeWidth={2} dot={{ r: 3 }} legendType={dots[i % 4]} isAnimationActive={false} />
            ))}
          </LineChart>
        )}
      </ClientOnly>
    </figure>
  );
}
