// The editor's UI strings, in English and Chinese.
import type { EditorLang } from './types';

const en = {
  loading: 'Loading the editor…',
  loadFailed: 'The editor failed to load',
  files: 'Files',
  open: 'Open file…',
  newFile: 'New',
  newPlaceholder: 'name.yaml',
  create: 'Create',
  save: 'Save',
  apply: 'Apply',
  diff: 'Diff',
  closeDiff: 'Close diff',
  cancel: 'Cancel',
  close: 'Close',
  edit: 'kubectl edit',
  editHint: 'Save (Ctrl+S) to apply; Cancel to leave the object unchanged.',
  applying: 'Applying…',
  diffing: 'Comparing with the cluster…',
  noDiff: 'No differences: the cluster already matches this file.',
  noFile: 'No file open. Create one with New, or open a workspace file.',
  unsaved: 'unsaved',
  output: 'Output',
  live: 'cluster (live)',
  exists: 'A file with that name already exists.',
  badName: 'Give the file a name, like web.yaml.',
  changedOnDisk: 'changed in the workspace while you were editing',
};

export type Strings = typeof en;

const zh: Strings = {
  loading: '正在加载编辑器…',
  loadFailed: '编辑器加载失败',
  files: '文件',
  open: '打开文件…',
  newFile: '新建',
  newPlaceholder: '文件名.yaml',
  create: '创建',
  save: '保存',
  apply: '应用',
  diff: '对比',
  closeDiff: '关闭对比',
  cancel: '取消',
  close: '关闭',
  edit: 'kubectl edit',
  editHint: '保存（Ctrl+S）即应用；取消则不修改对象。',
  applying: '正在应用…',
  diffing: '正在与集群对比…',
  noDiff: '没有差异：集群已与此文件一致。',
  noFile: '没有打开的文件。点“新建”创建，或打开工作区中的文件。',
  unsaved: '未保存',
  output: '输出',
  live: '集群（当前）',
  exists: '同名文件已存在。',
  badName: '请输入文件名，例如 web.yaml。',
  changedOnDisk: '在你编辑期间，工作区中的文件已被修改',
};

export function strings(lang: EditorLang): Strings {
  return lang === 'zh' ? zh : en;
}
