import type { ReactNode } from "react";

type SubmitButtonProps = {
  children: ReactNode;
  /** True while the form's action runs: shows a spinner and the pending label, and disables. */
  pending: boolean;
  pendingLabel?: ReactNode;
  className?: string;
  name?: string;
  value?: string;
  disabled?: boolean;
};

/** A submit button that shows progress while its form's action runs. */
export function SubmitButton(props: SubmitButtonProps) {
  const { children, pending, pendingLabel, className = "button primary", name, value, disabled } = props;
  return (
    <button
      type="submit"
      className={className}
      name={name}
      value={value}
      disabled={pending || disabled}
      aria-busy={pending}
    >
      {pending ? <span className="spinner" aria-hidden="true" /> : null}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
