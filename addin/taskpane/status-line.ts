/** @module status-line – a panel's status line: a message, and whether it says all went well or what went wrong. */

export function say(id: string, message: string, kind: 'ok' | 'error' | '' = ''): void {
  const status = document.getElementById(id)!;
  status.textContent = message;
  status.className = kind;
}
