// The registry this project is built against lacks some other-platform builds of native packages (macOS, Windows,
// BSD...), so `npm install` leaves them out of package-lock.json and `npm ci` then refuses the lock as incomplete.
// This adds each missing optional platform package with its os/cpu, exactly as npm writes them on a full registry:
// `npm ci` skips them on other platforms and fetches them by name and version on their own. Run after `npm install`.
import fs from "node:fs";

const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
const OS = { darwin: "darwin", win32: "win32", linux: "linux", freebsd: "freebsd", android: "android", openharmony: "openharmony", wasm32: null };
const CPU = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x"];

function platformOf(name) {
  const tail = name.split("/").pop();
  const parts = tail.split("-");
  const os = parts.find((p) => p in OS);
  if (os === "wasm32") return { cpu: ["wasm32"] };
  const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes("eabi") || parts.includes("gnueabihf") || parts.includes("musleabihf") ? "arm" : undefined);
  if (!os || !cpu) return null;
  const entry = { os: [OS[os]], cpu: [cpu] };
  if (parts.includes("musl") || parts.includes("musleabihf")) entry.libc = ["musl"];
  else if (parts.includes("gnu") || parts.includes("gnueabihf")) entry.libc = ["glibc"];
  return entry;
}

let added = 0;
for (const [, pkg] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (lock.packages[key]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    lock.packages[key] = { version, optional: true, ...platform };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
