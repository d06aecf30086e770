import type { ButtonHTMLAttributes } from "react";

const variants = {
  primary: "bg-emerald-800 text-white hover:bg-emerald-900 disabled:bg-slate-500",
  secondary: "border border-slate-500 bg-white text-slate-900 hover:bg-slate-100",
  danger: "border border-red-800 bg-white text-red-800 hover:bg-red-50",
} as const;

export function Button({ variant = "primary", className, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants }) {
  return (
    <button
      {...rest}
      className={`inline-flex min-h-11 items-center justify-center rounded-md px-4 py-2 font-medium focus:outline-2 focus:outline-offset-2 focus:outline-emerald-700 ${variants[variant]} ${className ?? ""}`}
    />
  );
}
