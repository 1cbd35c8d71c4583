import type { CallCounts, CallRecord, MethodCounts } from './types.js';

function emptyCounts(): MethodCounts {
  return { calls: 0, ok: 0, errors: 0, ratelimited: 0, faults: 0, dropped: 0 };
}

function tally(counts: MethodCounts, call: CallRecord): void {
  counts.calls += 1;
  if (call.ok) counts.ok += 1;
  else counts.errors += 1;
  if (call.status === 429) counts.ratelimited += 1;
  if (call.fault !== undefined) counts.faults += 1;
  if (call.droppedSilently) counts.dropped += 1;
}

/** Every call the stand-in answered (or dropped); listed in arrival order even when answers overtake. */
export class CallLog {
  private readonly records: CallRecord[] = [];
  private seq = 0;

  constructor(private readonly onChange: () => void) {}

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  add(record: CallRecord): void {
    this.records.push(record);
    this.onChange();
  }

  list(method?: string): CallRecord[] {
    return this.records
      .filter((r) => method === undefined || r.method === method)
      .sort((a, b) => a.seq - b.seq);
  }

  counts(): CallCounts {
    const total: CallCounts = { ...emptyCounts(), byMethod: {}, errorCodes: {} };
    for (const call of this.records) {
      tally(total, call);
      total.byMethod[call.method] ??= emptyCounts();
      tally(total.byMethod[call.method]!, call);
      if (call.error !== undefined) total.errorCodes[call.error] = (total.errorCodes[call.error] ?? 0) + 1;
    }
    return total;
  }
}
