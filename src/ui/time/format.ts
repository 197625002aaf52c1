// Virtual time as the time controls show it: HH:MM:SS and the date, in UTC like the cluster's
// own timestamps.
export function timeOfDay(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

export function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
