// describeVolumes: one block per volume source, with the texts kubectl v1.32 prints for each.
import { goBool, q, type J } from './format';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type Writer } from './writer';

/** Go's %v of a *bool: `<nil>` when unset (v1.32 prints the projected sources' pointers so). */
const ptrBool = (v: unknown) => (v === undefined || v === null ? '<nil>' : goBool(v));
const opt = (v: unknown) => goBool(v === true);
const v = (x: unknown) => (x === undefined || x === null ? '' : String(x));

function source(vol: J, w: Writer): void {
  const s = vol;
  if (s.hostPath) {
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v(s.hostPath.path)}\n    HostPathType:\t${s.hostPath.type ?? '<none>'}\n`);
  } else if (s.emptyDir) {
    const limit = s.emptyDir.sizeLimit && q(s.emptyDir.sizeLimit) !== '0' && !String(s.emptyDir.sizeLimit).startsWith('-') ? q(s.emptyDir.sizeLimit) : '<unset>';
    w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v(s.emptyDir.medium)}\n    SizeLimit:\t${limit}\n`);
  } else if (s.gitRepo) {
    w.write(LEVEL_2, `Type:\tGitRepo (a volume that is pulled from git when the pod is created)\n    Repository:\t${v(s.gitRepo.repository)}\n    Revision:\t${v(s.gitRepo.revision)}\n`);
  } else if (s.secret) {
    w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v(s.secret.secretName)}\n    Optional:\t${opt(s.secret.optional)}\n`);
  } else if (s.configMap) {
    w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v(s.configMap.name)}\n    Optional:\t${opt(s.configMap.optional)}\n`);
  } else if (s.nfs) {
    w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v(s.nfs.server)}\n    Path:\t${v(s.nfs.path)}\n    ReadOnly:\t${opt(s.nfs.readOnly)}\n`);
  } else if (s.persistentVolumeClaim) {
    w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v(s.persistentVolumeClaim.claimName)}\n    ReadOnly:\t${opt(s.persistentVolumeClaim.readOnly)}\n`);
  } else if (s.ephemeral) {
    w.write(LEVEL_2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
  } else if (s.downwardAPI) {
    w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const m of s.downwardAPI.items ?? []) {
      if (m.fieldRef) w.write(LEVEL_3, `${v(m.fieldRef.fieldPath)} -> ${v(m.path)}\n`);
      if (m.resourceFieldRef) w.write(LEVEL_3, `${v(m.resourceFieldRef.resource)} -> ${v(m.path)}\n`);
    }
  } else if (s.projected) {
    w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const src of s.projected.sources ?? []) {
      if (src.secret) w.write(LEVEL_2, `SecretName:\t${v(src.secret.name)}\n    SecretOptionalName:\t${ptrBool(src.secret.optional)}\n`);
      else if (src.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
      else if (src.configMap) w.write(LEVEL_2, `ConfigMapName:\t${v(src.configMap.name)}\n    ConfigMapOptional:\t${ptrBool(src.configMap.optional)}\n`);
      else if (src.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${src.serviceAccountToken.expirationSeconds ?? 0}\n`);
    }
  } else if (s.csi) {
    w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v(s.csi.driver)}\n    FSType:\t${v(s.csi.fsType)}\n    ReadOnly:\t${opt(s.csi.readOnly)}\n`);
    const attrs = s.csi.volumeAttributes ?? {};
    const keys = Object.keys(attrs).sort();
    w.write(LEVEL_2, 'VolumeAttributes:\t');
    if (!keys.length) w.writeLine('<none>');
    keys.forEach((k, i) => {
      if (i !== 0) {
        w.write(LEVEL_2, '');
        w.write(LEVEL_2, '\t');
      }
      const line = `${k}=${attrs[k]}`;
      w.write(LEVEL_2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
    });
  } else if (s.image) {
    w.write(LEVEL_2, `Type:\tImage (a container image or OCI artifact)\n    Reference:\t${v(s.image.reference)}\n    PullPolicy:\t${v(s.image.pullPolicy)}\n`);
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

export function describeVolumes(volumes: J[] | undefined, w: Writer, space: string): void {
  if (!volumes?.length) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  const nameIndent = space ? ' ' : '';
  for (const vol of volumes) {
    w.write(LEVEL_1, `${nameIndent}${vol.name}:\n`);
    source(vol, w);
  }
}
