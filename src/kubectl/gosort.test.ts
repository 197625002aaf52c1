// Go's sort.Sort is not stable: kubectl events (v1.32, real binary) printed these 44 events,
// listed in this order with these lastTimestamps, in the order below. Equal times must come out
// exactly as Go's pdqsort leaves them.
import { describe, expect, it } from 'vitest';
import { goSort } from './gosort';

const LISTED: [string, string][] = [
  [
    "Node/controlplane RegisteredNode",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/controlplane Starting",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/controlplane NodeAllocatableEnforced",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/controlplane NodeHasSufficientMemory",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/controlplane NodeHasNoDiskPressure",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/controlplane NodeHasSufficientPID",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/controlplane NodeReady",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/node01 RegisteredNode",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/node01 Starting",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/node01 NodeAllocatableEnforced",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/node01 NodeHasSufficientMemory",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/node01 NodeHasNoDiskPressure",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/node01 NodeHasSufficientPID",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/node01 NodeReady",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/node02 RegisteredNode",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/node02 Starting",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/node02 NodeAllocatableEnforced",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/node02 NodeHasSufficientMemory",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/node02 NodeHasNoDiskPressure",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/node02 NodeHasSufficientPID",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Node/node02 NodeReady",
    "2026-11-23T13:47:19Z"
  ],
  [
    "Pod/web-55b7c8cd84-5shmd Scheduled",
    "2026-11-23T15:24:31Z"
  ],
  [
    "Pod/web-55b7c8cd84-5shmd Pulling",
    "2026-11-23T15:24:31Z"
  ],
  [
    "Pod/web-55b7c8cd84-5shmd Pulled",
    "2026-11-23T15:24:34Z"
  ],
  [
    "Pod/web-55b7c8cd84-5shmd Created",
    "2026-11-23T15:24:34Z"
  ],
  [
    "Pod/web-55b7c8cd84-5shmd Started",
    "2026-11-23T15:24:34Z"
  ],
  [
    "Pod/web-55b7c8cd84-j4qv9 Scheduled",
    "2026-11-23T15:24:31Z"
  ],
  [
    "Pod/web-55b7c8cd84-j4qv9 Pulling",
    "2026-11-23T15:24:31Z"
  ],
  [
    "Pod/web-55b7c8cd84-j4qv9 Pulled",
    "2026-11-23T15:24:34Z"
  ],
  [
    "Pod/web-55b7c8cd84-j4qv9 Created",
    "2026-11-23T15:24:34Z"
  ],
  [
    "Pod/web-55b7c8cd84-j4qv9 Started",
    "2026-11-23T15:24:34Z"
  ],
  [
    "ReplicaSet/web-55b7c8cd84 SuccessfulCreate",
    "2026-11-23T15:24:31Z"
  ],
  [
    "ReplicaSet/web-55b7c8cd84 SuccessfulCreate",
    "2026-11-23T15:24:31Z"
  ],
  [
    "Deployment/web ScalingReplicaSet",
    "2026-11-23T15:24:31Z"
  ],
  [
    "Pod/x Scheduled",
    "2026-11-23T13:50:34Z"
  ],
  [
    "Pod/x Pulling",
    "2026-11-23T13:51:51Z"
  ],
  [
    "Pod/x Pulled",
    "2026-11-23T13:50:36Z"
  ],
  [
    "Pod/x Created",
    "2026-11-23T13:51:51Z"
  ],
  [
    "Pod/x Started",
    "2026-11-23T13:51:51Z"
  ],
  [
    "Pod/x Pulled",
    "2026-11-23T13:50:38Z"
  ],
  [
    "Pod/x BackOff",
    "2026-11-23T13:51:52Z"
  ],
  [
    "Pod/x Pulled",
    "2026-11-23T13:50:49Z"
  ],
  [
    "Pod/x Pulled",
    "2026-11-23T13:51:10Z"
  ],
  [
    "Pod/x Pulled",
    "2026-11-23T13:51:51Z"
  ]
];

const PRINTED = [
  "Node/node02 RegisteredNode",
  "Node/controlplane RegisteredNode",
  "Node/node02 Starting",
  "Node/controlplane NodeHasSufficientMemory",
  "Node/controlplane NodeHasNoDiskPressure",
  "Node/controlplane NodeHasSufficientPID",
  "Node/controlplane NodeReady",
  "Node/node01 RegisteredNode",
  "Node/node01 Starting",
  "Node/node01 NodeAllocatableEnforced",
  "Node/node01 NodeHasSufficientMemory",
  "Node/node01 NodeHasNoDiskPressure",
  "Node/node01 NodeHasSufficientPID",
  "Node/node01 NodeReady",
  "Node/controlplane NodeAllocatableEnforced",
  "Node/node02 NodeAllocatableEnforced",
  "Node/controlplane Starting",
  "Node/node02 NodeHasSufficientMemory",
  "Node/node02 NodeHasNoDiskPressure",
  "Node/node02 NodeHasSufficientPID",
  "Node/node02 NodeReady",
  "Pod/x Scheduled",
  "Pod/x Pulled",
  "Pod/x Pulled",
  "Pod/x Pulled",
  "Pod/x Pulled",
  "Pod/x Pulled",
  "Pod/x Pulling",
  "Pod/x Started",
  "Pod/x Created",
  "Pod/x BackOff",
  "Pod/web-55b7c8cd84-5shmd Pulling",
  "ReplicaSet/web-55b7c8cd84 SuccessfulCreate",
  "Deployment/web ScalingReplicaSet",
  "ReplicaSet/web-55b7c8cd84 SuccessfulCreate",
  "Pod/web-55b7c8cd84-j4qv9 Pulling",
  "Pod/web-55b7c8cd84-j4qv9 Scheduled",
  "Pod/web-55b7c8cd84-5shmd Scheduled",
  "Pod/web-55b7c8cd84-j4qv9 Started",
  "Pod/web-55b7c8cd84-j4qv9 Created",
  "Pod/web-55b7c8cd84-j4qv9 Pulled",
  "Pod/web-55b7c8cd84-5shmd Started",
  "Pod/web-55b7c8cd84-5shmd Created",
  "Pod/web-55b7c8cd84-5shmd Pulled"
];

describe('goSort', () => {
  it('orders ties as Go sort.Sort does (kubectl events rows)', () => {
    const items = LISTED.map(([id, t]) => ({ id, t: Date.parse(t) }));
    goSort(items, (a, b) => a.t < b.t);
    expect(items.map((x) => x.id)).toEqual(PRINTED);
  });

  it('sorts small and reversed inputs', () => {
    expect(goSort([3, 1, 2], (a, b) => a < b)).toEqual([1, 2, 3]);
    const big = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(goSort(big, (a, b) => a < b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });
});
