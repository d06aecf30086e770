"use client";
import dynamic from "next/dynamic";
import type { CommunityBarsProps } from "./community-bars";

/** recharts loads after the page, in its own chunk (shared with the revenue charts). */
const CommunityBars = dynamic(() => import("./community-bars"), {
  ssr: false,
  loading: () => <div className="h-64 animate-pulse rounded bg-slate-100" />,
});

/** The chart as one image named by its title; its figures are in the table that follows it. */
export function LazyCommunityBars(props: CommunityBarsProps) {
  return (
    <div role="img" aria-label={props.title}>
      <CommunityBars {...props} />
    </div>
  );
}
