// Entry of a helper thread: it lowers its own priority first, so that even loading the modules of
// its jobs (helper-jobs.ts) takes only the time the models leave.
import { lowerThisThreadPriority } from '../helper-priority.js';

lowerThisThreadPriority();
await import('./helper-jobs.js');
