import { z } from "zod";

// The console runs under a CSP without 'unsafe-eval' (server/http/security-headers.ts). Zod would probe
// `Function("")` to compile fast parsers, which the browser reports as a CSP violation; parse without it.
// Imported first by main.tsx, so it runs before any schema is built.
z.config({ jitless: true });
