// The page's entry: start the cluster worker first, then load the UI. Messages the UI posts
// before the worker is listening wait in the worker's queue.
import { startClusterWorker } from './early-worker';

startClusterWorker();
void import('./main');
