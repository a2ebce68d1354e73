/** A designed blank: what is missing, why, and the one thing to do about it. */
import type { ReactNode } from 'react';

export function EmptyState({
  title,
  children,
  tone = 'neutral',
  testId,
}: {
  title: string;
  children?: ReactNode;
  tone?: 'neutral' | 'error';
  testId?: string;
}) {
  return (
    <div className={`empty-state ${tone}`} data-testid={testId}>
      <div className="empty-title">{title}</div>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}
