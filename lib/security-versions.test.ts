// Fails when an installed framework package is older than the release with its latest security fixes.
// Reads what is really installed (node_modules/*/package.json), not what package.json asks for.
import fs from "node:fs";
import path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";

/** The first versions with the latest security fixes. Raise these when a new advisory appears. */
const MINIMUM_SECURE: Record<string, string> = {
  next: "16.4.6",
  react: "19.3.1",
  "react-dom": "19.3.1",
};

const root = path.resolve(__dirname, "..");

function installedVersion(pkg: string): string {
  const file = path.join(root, "node_modules", pkg, "package.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

/** True when `installed` is at least `minimum` (a pre-release of the minimum is not enough). */
function isAtLeast(installed: string, minimum: string): boolean {
  const v = semver.valid(installed);
  return v !== null && semver.gte(v, minimum);
}

describe("installed versions carry the latest security fixes", () => {
  for (const [pkg, minimum] of Object.entries(MINIMUM_SECURE)) {
    it(`${pkg} ≥ ${minimum}`, () => {
      const installed = installedVersion(pkg);
      expect(
        isAtLeast(installed, minimum),
        `${pkg} ${installed} is installed; ${minimum} or later has the security fixes (npm install ${pkg}@^${minimum})`,
      ).toBe(true);
    });
  }

  it("react and react-dom are the same version (a mismatch fails at run time)", () => {
    expect(installedVersion("react-dom")).toBe(installedVersion("react"));
  });

  it("the comparison refuses older, pre-release and unreadable versions", () => {
    expect(isAtLeast("16.4.6", "16.4.6")).toBe(true);
    expect(isAtLeast("16.10.0", "16.4.6")).toBe(true);
    expect(isAtLeast("17.0.0", "16.4.6")).toBe(true);
    expect(isAtLeast("16.4.5", "16.4.6")).toBe(false);
    expect(isAtLeast("16.4.6-canary.3", "16.4.6")).toBe(false);
    expect(isAtLeast("15.9.99", "16.4.6")).toBe(false);
    expect(isAtLeast("not a version", "16.4.6")).toBe(false);
  });
});
