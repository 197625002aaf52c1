export { createNetwork, type Network, type Backend, type HttpRequest, type HttpResponse, type RequestOptions, type RequestResult, type ProxyTarget } from './network';
export { type Route, type NetError, type NetErrorKind } from './proxy';
export { type DnsResult, type DnsAnswer, DNS_SERVICE_IP, resolvConf } from './dns';
export { kubeDnsService } from './kube-dns';
