/**
 * Which configuration a session edits and what commit, discard and leaving configuration mode do.
 * Immediate platforms (IOS, EOS, NX-OS) edit the running configuration; candidate platforms edit a
 * copy — per session (IOS XR) or shared on the device and kept until committed or rolled back (Junos).
 */
import type { UncommittedSpec } from '../personality/schema.js';
import type { ConfigStore } from './config-model.js';
import type { SessionCore } from './session-core.js';

function scope(s: SessionCore): 'running' | 'session' | 'device' {
  const c = s.p.config;
  return c.commit === 'immediate' ? 'running' : c.candidateScope;
}

export function workingStore(s: SessionCore): ConfigStore {
  const dev = s.device.config();
  switch (scope(s)) {
    case 'running':
      return dev.running;
    case 'device':
      dev.candidate ??= dev.running.clone();
      return dev.candidate;
    default:
      s.sessionCandidate ??= dev.running.clone();
      return s.sessionCandidate;
  }
}

export function markChanged(s: SessionCore): void {
  const dev = s.device.config();
  if (scope(s) === 'running') dev.changedAt = new Date();
  else if (scope(s) === 'device') dev.candidateDirty = true;
}

export function isDirty(s: SessionCore): boolean {
  const where = scope(s);
  if (where === 'device') return s.device.config().candidateDirty;
  return where === 'session' && s.pending.length > 0;
}

export function commitNow(s: SessionCore): void {
  const dev = s.device.config();
  const work = workingStore(s);
  dev.running = work.clone();
  dev.saved = work.clone();
  dev.changedAt = new Date();
  dev.savedAt = dev.changedAt;
  dev.candidateDirty = false;
  dev.candidate = undefined;
  s.sessionCandidate = undefined;
  s.pending = [];
}

export function discard(s: SessionCore): void {
  const dev = s.device.config();
  if (scope(s) === 'device') {
    dev.candidate = undefined;
    dev.candidateDirty = false;
  }
  s.sessionCandidate = undefined;
  s.pending = [];
}

export function saveNow(s: SessionCore): void {
  const dev = s.device.config();
  dev.saved = dev.running.clone();
  dev.savedAt = new Date();
}

/** Leaves configuration mode, asking first about uncommitted changes where the platform does. */
export async function leaveConfig(s: SessionCore, unc: UncommittedSpec | undefined): Promise<boolean> {
  if (unc && isDirty(s)) {
    if (unc.text) await s.print(s.render(unc.text));
    const answer = (await s.ask(s.render(unc.prompt))).toLowerCase();
    const outcome = answer === '' ? unc.default : (unc.answers[answer] ?? unc.default);
    if (outcome === 'stay') return true;
    if (outcome === 'commit') commitNow(s);
    if (outcome === 'discard') discard(s);
  } else if (scope(s) === 'session') {
    discard(s);
  }
  s.mode = s.entryMode;
  s.levels = [];
  s.editPath = [];
  return true;
}
