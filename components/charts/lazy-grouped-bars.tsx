"use client";
import dynamic from "next/dynamic";
import type { GroupedBarsProps } from "./grouped-bars";

/** recharts loads after the page, in its own chunk: the page's first load stays small. */
const GroupedBars = dynamic(() => import("./grouped-bars"), {
  ssr: false,
  loading: () => <div className="h-40 animate-pulse rounded bg-slate-100" />,
});

export function LazyGroupedBars(props: GroupedBarsProps) {
  return <GroupedBars {...props} />;
}
