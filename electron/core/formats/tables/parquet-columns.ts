// A Parquet file read by column, with list columns kept as lists: embeddings written by
// pandas/pyarrow come as one list (or fixed-size list) column of floats per row, which the
// cell table of parquet-table.ts would turn into JSON text. Only the columns asked for are
// decoded.
import { openParquetFile } from './parquet-table.js';

/** list: a LIST (or fixed-size list) column; scalar: one primitive value per row; other: structs, maps. */
export type ParquetColumnShape = 'list' | 'scalar' | 'other';

export interface ParquetColumnInfo {
  name: string;
  shape: ParquetColumnShape;
}

export interface ParquetColumns {
  rows: number;
  /** The top-level columns, in the file's order. */
  columns: ParquetColumnInfo[];
  /** Each column asked for, one value per row (lists as arrays, 64-bit integers as BigInt, null where absent). */
  read(names: string[]): Promise<Map<string, unknown[]>>;
}

interface SchemaNode {
  element: { name: string; converted_type?: string; logical_type?: { type: string }; repetition_type?: string };
  children: SchemaNode[];
}

function shapeOf(node: SchemaNode): ParquetColumnShape {
  const { element, children } = node;
  if (element.converted_type === 'LIST' || element.logical_type?.type === 'LIST') return 'list';
  if (children.length === 0) return element.repetition_type === 'REPEATED' ? 'list' : 'scalar';
  return 'other';
}

export async function openParquetColumns(bytes: Uint8Array): Promise<ParquetColumns> {
  const { file, hyparquet, metadata } = await openParquetFile(bytes);
  const { parquetRead, parquetSchema } = hyparquet;
  const rows = Number(metadata.num_rows);
  const columns = (parquetSchema(metadata).children as SchemaNode[]).map((node) => ({
    name: node.element.name,
    shape: shapeOf(node),
  }));
  return {
    rows,
    columns,
    async read(names) {
      const out = new Map<string, unknown[]>(names.map((name) => [name, new Array<unknown>(rows).fill(null)]));
      if (names.length === 0) return out;
      await parquetRead({
        file,
        metadata,
        columns: names,
        onChunk: (chunk) => {
          const values = out.get(chunk.columnName);
          if (!values) return;
          const data = chunk.columnData as ArrayLike<unknown>;
          for (let i = 0; i < data.length; i++) values[chunk.rowStart + i] = data[i] ?? null;
        },
      });
      return out;
    },
  };
}
