"use client";
import dynamic from "next/dynamic";
import type { RevenueBarsProps } from "./revenue-bars";

/** recharts loads after the page, in its own chunk: the dashboard's first load stays small. */
const RevenueBars = dynamic(() => import("./revenue-bars"), {
  ssr: false,
  loading: () => <div className="h-40 animate-pulse rounded bg-slate-100" />,
});

export function LazyRevenueBars(props: RevenueBarsProps) {
  return <RevenueBars {...props} />;
}
