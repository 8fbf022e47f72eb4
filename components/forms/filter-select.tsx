/** One choice a filter offers: the value sent in the URL and the words shown for it. */
export type FilterOption = { value: string; label: string };

/**
 * A labelled drop-down of a GET filter form, with "All" (no filter) first. The form sends it as a
 * search parameter named `name`, which the page parses with zod.
 */
export function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | null | undefined;
  options: readonly FilterOption[];
}) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={value ?? ""}>
        <option value="">All</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
