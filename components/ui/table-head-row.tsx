export interface TableColumn {
  label: string;
  /** Numbers and times line up on the right. */
  align?: "right";
}

/** A table's header row from its column names, so that tables of the same data name and align them alike. */
export function TableHeadRow({ columns, cellClassName }: { columns: readonly TableColumn[]; cellClassName: string }) {
  return (
    <tr>
      {columns.map((column) => (
        <th key={column.label} scope="col" className={column.align === "right" ? `${cellClassName} text-right` : cellClassName}>
          {column.label}
        </th>
      ))}
    </tr>
  );
}
