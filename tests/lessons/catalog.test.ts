// The browser catalog (import.meta.glob): the index lists every lesson, and a lesson loads
// lazily, validated, with its workspace files.
import { describe, expect, it } from 'vitest';
import { INDEX, listTracks, loadLesson, lessonDirs, packFromText } from '../../src/lessons/catalog';

describe('lesson catalog (browser entry)', () => {
  it('lists tracks and lessons, including folders the index does not know yet', async () => {
    const { tracks, errors } = await listTracks();
    expect(errors).toEqual([]);
    expect(tracks[0]).toMatchObject({ id: 'basics', title: { en: 'Learn Kubernetes Basics', zh: 'Kubernetes 基础' } });
    expect(tracks[0].lessons.map((l) => l.id)).toEqual([
      'basics/create-a-cluster', 'basics/deploy-an-app', 'basics/explore-your-app', 'basics/expose-your-app', 'basics/scale-your-app', 'basics/update-your-app',
    ]);
    expect(tracks.flatMap((t) => t.lessons).length).toBe(lessonDirs().length);
    expect(INDEX.version).toBe(1);
  });

  it('loads one lesson by id with prose in both languages', async () => {
    const l = await loadLesson('basics/expose-your-app');
    expect(l.steps.map((s) => s.id)).toEqual(['services', 'expose', 'reach', 'label', 'delete', 'challenge']);
    expect(l.prose.zh.title).toBe('公开应用');
    expect(l.prose.en.sections[1].commands[0]).toBe('kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port 8080\nkubectl get services');
    await expect(loadLesson('basics/nope')).rejects.toThrow('no lesson "basics/nope"');
  });

  it('reads a teacher pack as data and reports its problems', async () => {
    const c = await packFromText(JSON.stringify({ '01-x/track.yaml': 'id: x\ntitle: { en: X }\n' }));
    expect(c.errors.map((e) => e.message)).toEqual(['title: missing Chinese (zh) text']);
    await expect(packFromText('<html>')).rejects.toThrow(/a lesson pack is a JSON object/);
  });
});
