import type { ReactNode } from "react";

/**
 * A box that scrolls sideways (a wide table on a phone) inside a page that never does. It takes
 * the keyboard focus, so that it scrolls without a pointer (WCAG 2.1.1; axe's
 * scrollable-region-focusable), and is a named region when it has a label.
 */
export function ScrollBox({ label, className, testId, children }: { label?: string; className?: string; testId?: string; children: ReactNode }) {
  return (
    <div
      className={className ? `overflow-x-auto ${className}` : "overflow-x-auto"}
      tabIndex={0}
      role={label ? "region" : undefined}
      aria-label={label}
      data-testid={testId}
    >
      {children}
    </div>
  );
}
