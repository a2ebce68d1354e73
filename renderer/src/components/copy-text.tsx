/** A command a person should run, with a copy button (the fix for a missing engine). */
import { useState } from 'react';

export function CopyText({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="copy-text">
      <code>{text}</code>
      <button
        type="button"
        className="ghost small"
        onClick={() => {
          void navigator.clipboard?.writeText(text).then(
            () => setCopied(true),
            () => undefined,
          );
        }}
      >
        {copied ? 'copied' : 'copy'}
      </button>
    </span>
  );
}
