/** The schema as a tree: type, nullability, and which indices each column carries. */
import type { DatasetDescription, SchemaField } from '@shared/contract/dataset';

function Rows({ fields, depth, badges }: { fields: SchemaField[]; depth: number; badges: Map<string, Array<{ name: string; type: string }>> }) {
  return (
    <>
      {fields.map((f) => (
        <div key={f.path} className="schema-node">
          <div className="schema-row" data-testid="schema-row" data-column={f.path} style={{ paddingLeft: 10 + depth * 18 }}>
            <span className="schema-name">{depth > 0 && <span className="tree-line" aria-hidden>└ </span>}{f.name}</span>
            <span className="schema-type" title={f.type.arrow}>{f.type.arrow}</span>
            <span className="schema-null">{f.nullable ? 'nullable' : 'not null'}</span>
            <span className="schema-badges">
              {(badges.get(f.path) ?? []).map((b) => (
                <span key={b.name} className="badge index-badge" title={`${b.type} index '${b.name}'`}>{b.name} · {b.type}</span>
              ))}
            </span>
          </div>
          {f.children && <Rows fields={f.children} depth={depth + 1} badges={badges} />}
        </div>
      ))}
    </>
  );
}

export function SchemaTree({ d }: { d: DatasetDescription }) {
  const badges = new Map<string, Array<{ name: string; type: string }>>();
  for (const i of d.indices) for (const f of i.fields) badges.set(f, [...(badges.get(f) ?? []), { name: i.name, type: i.type }]);
  return (
    <div className="schema-tree" data-testid="schema-tree">
      <div className="schema-row head"><span>column</span><span>type</span><span>null</span><span>indices</span></div>
      <Rows fields={d.schema} depth={0} badges={badges} />
    </div>
  );
}
