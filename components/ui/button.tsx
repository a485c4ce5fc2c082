import type { ButtonHTMLAttributes } from "react";

const variants = {
  primary:
    "bg-indigo-700 text-white hover:bg-indigo-800 disabled:bg-indigo-300 focus-visible:outline-indigo-700",
  secondary:
    "border border-slate-300 bg-white text-slate-900 hover:bg-slate-50 disabled:text-slate-400 focus-visible:outline-indigo-700",
  danger:
    "bg-red-700 text-white hover:bg-red-800 disabled:bg-red-300 focus-visible:outline-red-700",
  ghost: "text-slate-700 hover:bg-slate-100 focus-visible:outline-indigo-700",
} as const;

export type ButtonVariant = keyof typeof variants;

export function buttonClass(variant: ButtonVariant = "primary", extra = "") {
  // `btn` (app/globals.css) holds the shared part, so each button carries a short class list.
  return `btn ${variants[variant]} ${extra}`;
}

export function Button({
  variant = "primary",
  className = "",
  type = "button",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />;
}
