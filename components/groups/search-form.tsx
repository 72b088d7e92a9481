/** A GET form: the filter lives in the URL, so it survives reloads and can be shared. */
export function SearchForm({ action, value, placeholder, label }: { action: string; value?: string; placeholder: string; label: string }) {
  return (
    <form action={action} role="search" className="flex gap-2">
      <label htmlFor="search" className="sr-only">
        {label}
      </label>
      <input
        id="search"
        name="search"
        type="search"
        defaultValue={value}
        placeholder={placeholder}
        className="w-64 rounded-md border-0 px-3 py-1.5 text-sm shadow-xs ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-brand-600 focus:outline-none"
      />
    </form>
  );
}
