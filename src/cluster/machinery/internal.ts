// Requests from in-cluster components (controllers, scheduler, kubelets through ClusterClient).
// They are typed clients, like client-go's: what they send is an object of the API's own types,
// never text a user wrote, so it cannot carry unknown or mistyped fields. kube-apiserver's strict
// decoding exists for client text; the apiserver skips that walk for these requests (it was a
// quarter of the cost of a large rollout). Tests can turn `checkInternalFields` on to prove the
// claim: the walk then runs for internal requests as before, and what it finds is collected.
export const internalRequests = new WeakSet<object>();

export const internalFieldChecks: { enabled: boolean; findings: string[] } = { enabled: false, findings: [] };
