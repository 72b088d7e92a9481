// The launcher alone, not lib/runtime's index: the engine loads once the web server is spawned (lib/runtime/launcher.ts).
import { launch } from "@/lib/runtime/launcher";

await launch(process.cwd());
