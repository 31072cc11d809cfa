/**
 * The one client layer between pages and workers/store: a typed client per worker, one store
 * connection per tab, the page job helper (busy/progress/cancel/error) and the download helper. Pages import from here (`$lib/clients`).
 */
export { genomeWorker, shareWorker, pkWorker, quantumWorker, backupWorker, familyWorker } from './workers';
export { pageStore, forgetStoreMessages } from './store';
export { downloadFile, saveAsPicker, type SaveAsOptions } from './download';
export { PageJob, IDLE_JOB, type JobState, type JobOutcome, type JobContext, type JobOptions } from './job';
