import { launch } from "@/lib/runtime";

await launch(process.cwd());
