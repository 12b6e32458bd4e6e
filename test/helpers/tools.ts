/** External tools the tests use (LibreOffice, poppler, xmllint, Chromium): present, or a loud skip outside CI. */
import { spawnSync } from 'node:child_process';

/** True when `command` runs here. Outside CI a missing tool skips loudly; in CI (`CI` set, as `.ci/run` does) it is an error. */
export function toolAvailable(command: string, args: string[], debianPackage: string): boolean {
  const found = spawnSync(command, args, { encoding: 'utf8' }).status === 0;
  if (!found) {
    if (process.env.CI) throw new Error(`${command} saknas i CI: .ci/run ska installera ${debianPackage}.`);
    console.warn(`\n*** HOPPAR ÖVER: ${command} finns inte på den här datorn. Installera: apt-get install ${debianPackage} ***\n`);
  }
  return found;
}
