// zod compiles fast parsers with `new Function` unless told not to; the page's Content-Security-
// Policy forbids eval, and zod's probe for it is reported as a violation. Imported first.
import { z } from 'zod';

z.config({ jitless: true });
