// The lesson panel's words, in English and Chinese.
export type Lang = 'en' | 'zh';

export const STRINGS = {
  en: {
    panel: 'Lesson',
    lessons: 'Lessons',
    sandbox: 'Free sandbox',
    sandboxIntro:
      'A three-node Kubernetes v1.32 cluster runs inside this page: an API server, etcd-like storage, the scheduler, the controllers and the kubelets. Type kubectl commands in the terminal, or pick a lesson below. Try:',
    pick: 'Choose a lesson',
    done: 'done',
    inProgress: 'in progress',
    new: 'not started',
    minutes: (n: number) => `${n} min`,
    steps: (n: number) => `${n} steps`,
    step: (n: number) => `Step ${n}`,
    challenge: 'Challenge',
    stepDone: 'done',
    stepCurrent: 'current step',
    stepPending: 'not yet',
    missing: 'Still missing:',
    checking: 'Checking…',
    hint: 'Hint',
    noMoreHints: 'No more hints for this step.',
    showSolution: 'Show solution',
    solutionTyped: 'The solution was typed into the terminal:',
    run: 'Run',
    busy: 'A command is still running in the terminal: press Ctrl-C there first.',
    next: 'Next lesson',
    lessonDone: 'Lesson complete. Well done!',
    trackDone: 'You finished the last lesson of this track.',
    reset: 'Restart lesson',
    resetConfirm: 'Forget your progress in this lesson and run its setup again?',
    starting: 'Preparing the lesson…',
    loadFailed: 'This lesson could not be loaded:',
    progress: 'Progress',
    learner: 'Your name (for your teacher)',
    export: 'Export progress',
    import: 'Import progress',
    imported: (n: number) => `Imported progress for ${n} lesson${n === 1 ? '' : 's'}.`,
    importFailed: 'The file was not imported:',
    prerequisites: 'Before this:',
    topology: (t: string) =>
      t === 'minikube'
        ? 'This lesson is written for a one-node minikube cluster, and this playground has a different shape: some names in the text (the node minikube) will differ.'
        : 'This lesson is written for a kubeadm-style cluster (controlplane and worker nodes), and this playground is a minikube one: node names will differ.',
  },
  zh: {
    panel: '课程',
    lessons: '课程列表',
    sandbox: '自由练习',
    sandboxIntro:
      '这个页面里运行着一个三节点的 Kubernetes v1.32 集群：API 服务器、类 etcd 存储、调度器、控制器和 kubelet。在终端里输入 kubectl 命令，或者从下面选一节课。试试：',
    pick: '选择课程',
    done: '已完成',
    inProgress: '进行中',
    new: '未开始',
    minutes: (n: number) => `${n} 分钟`,
    steps: (n: number) => `${n} 步`,
    step: (n: number) => `第 ${n} 步`,
    challenge: '挑战',
    stepDone: '已完成',
    stepCurrent: '当前步骤',
    stepPending: '未开始',
    missing: '还差：',
    checking: '检查中…',
    hint: '提示',
    noMoreHints: '这一步没有更多提示了。',
    showSolution: '显示答案',
    solutionTyped: '答案已输入到终端：',
    run: '运行',
    busy: '终端里还有命令在运行：请先在终端里按 Ctrl-C。',
    next: '下一课',
    lessonDone: '本课完成，做得好！',
    trackDone: '你完成了这个单元的最后一课。',
    reset: '重新开始本课',
    resetConfirm: '要清除本课的进度并重新运行它的准备命令吗？',
    starting: '正在准备课程…',
    loadFailed: '无法加载这节课：',
    progress: '学习进度',
    learner: '你的名字（给老师看）',
    export: '导出进度',
    import: '导入进度',
    imported: (n: number) => `已导入 ${n} 节课的进度。`,
    importFailed: '文件未导入：',
    prerequisites: '先学：',
    topology: (t: string) =>
      t === 'minikube'
        ? '这节课按单节点的 minikube 集群编写，而当前练习环境的结构不同：文中的一些名称（节点 minikube）会不一样。'
        : '这节课按 kubeadm 风格的集群（controlplane 和工作节点）编写，而当前练习环境是 minikube：节点名称会不一样。',
  },
} as const;

export const EXAMPLES = `kubectl get nodes
kubectl create deployment web --image=nginx:1.27
kubectl get pods -w
kubectl scale deployment web --replicas=3
kubectl expose deployment web --port=80
kubectl get endpoints web`;
