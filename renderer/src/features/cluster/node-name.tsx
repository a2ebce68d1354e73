/** A Ray node as people tell them apart: ip and the start of its id (the whole id on hover). */
import type { NodeRef } from '@shared/contract/build';
import { nodeLabel } from './cluster-logic';

export function NodeName({ node }: { node: NodeRef | null | undefined }) {
  if (!node) return <span className="muted">–</span>;
  return (
    <span className="node-name num" title={`node ${node.id}`} data-node-id={node.id}>
      {nodeLabel(node)}
    </span>
  );
}
