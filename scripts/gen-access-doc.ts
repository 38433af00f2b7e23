import fs from "node:fs";
import { renderAccessDoc } from "../domain/policies/access-doc";

/** Writes docs/access.md from the access table (domain/policies/access-table.ts). */
fs.writeFileSync(new URL("../docs/access.md", import.meta.url), renderAccessDoc());
console.log("docs/access.md written");
