import { launch } from "@/lib/runtime/launcher";

await launch(process.cwd());
