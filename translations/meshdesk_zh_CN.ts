<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Istio</name>
    <message>
        <source>No matching workloads for this resource with the following labels: %1</source>
        <translation>没有与此资源的以下标签匹配的工作负载：%1</translation>
    </message>
    <message>
        <source>Referenced host not found: &quot;%1&quot;</source>
        <translation>未找到引用的主机：“%1”</translation>
    </message>
    <message>
        <source>Referenced host+subset in destinationrule not found: &quot;%1+%2&quot;</source>
        <translation>未找到 DestinationRule 中引用的主机+子集：“%1+%2”</translation>
    </message>
    <message>
        <source>Referenced gateway not found: &quot;%1&quot;</source>
        <translation>未找到引用的网关：“%1”</translation>
    </message>
    <message>
        <source>The VirtualServices %1 associated with mesh define the same host or subset %2 which can lead to undefined behavior</source>
        <translation>与网格关联的 VirtualService %1 定义了相同的主机或子集 %2，可能导致未定义行为</translation>
    </message>
    <message>
        <source>More than one VirtualService for host %1 on the same gateway: %2</source>
        <translation>同一网关上存在多个针对主机 %1 的 VirtualService：%2</translation>
    </message>
    <message>
        <source>one or more host [%1] defined in VirtualService %2 not found in Gateway %3</source>
        <translation>VirtualService %2 中定义的一个或多个主机 [%1] 在 Gateway %3 中未找到</translation>
    </message>
    <message>
        <source>VirtualService rule #%1 not used (rule #%2 has no match and catches every request)</source>
        <translation>VirtualService 规则 #%1 未被使用（规则 #%2 没有匹配条件，会捕获所有请求）</translation>
    </message>
    <message>
        <source>VirtualService rule #%1 match #%2 is not used (duplicate of rule #%3 match #%4)</source>
        <translation>VirtualService 规则 #%1 的匹配条件 #%2 未被使用（与规则 #%3 的匹配条件 #%4 重复）</translation>
    </message>
    <message>
        <source>Referenced delegate VirtualService not found: &quot;%1/%2&quot;</source>
        <translation>未找到引用的委托 VirtualService：“%1/%2”</translation>
    </message>
    <message>
        <source>DestinationRule %1 has TLS mode set to %2 but no caCertificates are set to validate server identity for host: %3</source>
        <translation>DestinationRule %1 的 TLS 模式设置为 %2，但未设置 caCertificates 来验证以下主机的服务器身份：%3</translation>
    </message>
    <message>
        <source>The host %1 defined in the DestinationRule does not match any services in the mesh</source>
        <translation>DestinationRule 中定义的主机 %1 与网格中的任何服务都不匹配</translation>
    </message>
    <message>
        <source>This DestinationRule subset &quot;%1&quot; for host %2 does not select any pods</source>
        <translation>此 DestinationRule 中主机 %2 的子集“%1”未选中任何 Pod</translation>
    </message>
    <message>
        <source>More than one DestinationRule for host %1: %2 (only one takes effect)</source>
        <translation>主机 %1 存在多个 DestinationRule：%2（仅其中一个生效）</translation>
    </message>
    <message>
        <source>PeerAuthentication %1 requires STRICT mTLS but this DestinationRule disables TLS for %2</source>
        <translation>PeerAuthentication %1 要求 STRICT mTLS，但此 DestinationRule 为 %2 禁用了 TLS</translation>
    </message>
    <message>
        <source>RequestAuthentication only rejects invalid tokens; without an AuthorizationPolicy requiring a principal, requests without a token are allowed</source>
        <translation>RequestAuthentication 仅拒绝无效令牌；若没有要求 principal 的 AuthorizationPolicy，不带令牌的请求将被放行</translation>
    </message>
    <message>
        <source>More than one sidecar resource in namespace %1 without a workload selector: %2</source>
        <translation>命名空间 %1 中存在多个未设置工作负载选择器的 Sidecar 资源：%2</translation>
    </message>
    <message>
        <source>Sidecar %1 selects the same workloads</source>
        <translation>Sidecar %1 选择了相同的工作负载</translation>
    </message>
    <message>
        <source>must be a valid duration greater than 1ms</source>
        <translation>必须是大于 1ms 的有效时长</translation>
    </message>
    <message>
        <source>only durations to ms precision are supported</source>
        <translation>时长仅支持精确到毫秒</translation>
    </message>
    <message>
        <source>domain name is empty</source>
        <translation>域名为空</translation>
    </message>
    <message>
        <source>domain name %1 is too long (max 255)</source>
        <translation>域名 %1 过长（最多 255 个字符）</translation>
    </message>
    <message>
        <source>domain name &quot;%1&quot; invalid (label &quot;%2&quot; invalid)</source>
        <translation>域名“%1”无效（标签“%2”无效）</translation>
    </message>
    <message>
        <source>domain name &quot;%1&quot; invalid (top level domain &quot;%2&quot; cannot be all-numeric)</source>
        <translation>域名“%1”无效（顶级域“%2”不能全为数字）</translation>
    </message>
    <message>
        <source>expected one document, found %1</source>
        <translation>应为一个文档，实际找到 %1 个</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Schema validation error (type, enum, required, range, pattern, oneOf)</source>
        <translation>Schema 校验错误（类型、枚举、必填、范围、模式、oneOf）</translation>
    </message>
    <message>
        <source>Unknown field: the API server prunes it (an error with strict field validation)</source>
        <translation>未知字段：API 服务器会将其裁剪（启用严格字段校验时报错）</translation>
    </message>
    <message>
        <source>No CRD serves this apiVersion and kind</source>
        <translation>没有 CRD 提供此 apiVersion 和 kind</translation>
    </message>
    <message>
        <source>Duration is not valid, shorter than 1ms or finer than ms</source>
        <translation>时长无效、短于 1ms 或精度细于毫秒</translation>
    </message>
    <message>
        <source>Port is not between 1 and 65535</source>
        <translation>端口不在 1 到 65535 之间</translation>
    </message>
    <message>
        <source>Workload selector has an empty key or a wildcard</source>
        <translation>工作负载选择器包含空键或通配符</translation>
    </message>
    <message>
        <source>Mutually exclusive fields are set together</source>
        <translation>同时设置了互斥的字段</translation>
    </message>
    <message>
        <source>targetRef points to another namespace</source>
        <translation>targetRef 指向其他命名空间</translation>
    </message>
    <message>
        <source>ServiceEntry resolution, endpoints and addresses disagree</source>
        <translation>ServiceEntry 的 resolution、endpoints 与 addresses 相互矛盾</translation>
    </message>
    <message>
        <source>Endpoint address missing or an invalid unix domain socket</source>
        <translation>端点地址缺失或为无效的 Unix 域套接字</translation>
    </message>
    <message>
        <source>URL must use http:// or https://</source>
        <translation>URL 必须使用 http:// 或 https://</translation>
    </message>
    <message>
        <source>Port name is not a valid name</source>
        <translation>端口名称无效</translation>
    </message>
    <message>
        <source>Duplicate value (port number, subset name, host, port name)</source>
        <translation>值重复（端口号、子集名称、主机、端口名称）</translation>
    </message>
    <message>
        <source>Telemetry tag override operation and value disagree</source>
        <translation>Telemetry 标记覆盖的操作与取值不一致</translation>
    </message>
    <message>
        <source>EnvoyFilter waypoint match outside the WAYPOINT context</source>
        <translation>EnvoyFilter 在 WAYPOINT 上下文之外使用了 waypoint 匹配条件</translation>
    </message>
    <message>
        <source>PeerAuthentication portLevelMtls needs a workload selector</source>
        <translation>PeerAuthentication 的 portLevelMtls 需要工作负载选择器</translation>
    </message>
    <message>
        <source>Invalid host name, wildcard or IP</source>
        <translation>无效的主机名、通配符或 IP</translation>
    </message>
    <message>
        <source>VirtualService route structure (route/redirect/directResponse/delegate)</source>
        <translation>VirtualService 路由结构（route/redirect/directResponse/delegate）</translation>
    </message>
    <message>
        <source>Invalid route destination (host, subset, port)</source>
        <translation>无效的路由目标（主机、子集、端口）</translation>
    </message>
    <message>
        <source>Route weights negative or all zero</source>
        <translation>路由权重为负数或全部为零</translation>
    </message>
    <message>
        <source>Invalid match (header name, empty prefix or regex, bad regex)</source>
        <translation>无效的匹配条件（头部名称、空前缀或空 regex、错误的 regex）</translation>
    </message>
    <message>
        <source>Invalid header operation</source>
        <translation>无效的头部操作</translation>
    </message>
    <message>
        <source>Invalid redirect or rewrite</source>
        <translation>无效的重定向或重写</translation>
    </message>
    <message>
        <source>Invalid fault injection, retries, mirror or CORS settings</source>
        <translation>无效的故障注入、重试、镜像或 CORS 设置</translation>
    </message>
    <message>
        <source>Invalid gateway server, port, protocol or TLS settings</source>
        <translation>无效的网关服务器、端口、协议或 TLS 设置</translation>
    </message>
    <message>
        <source>Invalid traffic policy (load balancer, connection pool, outlier detection)</source>
        <translation>无效的流量策略（负载均衡、连接池、异常检测）</translation>
    </message>
    <message>
        <source>Client TLS settings incomplete or contradictory</source>
        <translation>客户端 TLS 设置不完整或相互矛盾</translation>
    </message>
    <message>
        <source>Invalid authorization policy action, provider or rule</source>
        <translation>无效的授权策略动作、提供方或规则</translation>
    </message>
    <message>
        <source>Invalid JWT rule</source>
        <translation>无效的 JWT 规则</translation>
    </message>
    <message>
        <source>Invalid exportTo</source>
        <translation>无效的 exportTo</translation>
    </message>
    <message>
        <source>Invalid targetRef (kind, name, namespace) or selector and targetRef together</source>
        <translation>无效的 targetRef（kind、name、namespace），或同时设置了 selector 与 targetRef</translation>
    </message>
    <message>
        <source>Annotation not allowed on this object</source>
        <translation>此对象上不允许使用该注解</translation>
    </message>
    <message>
        <source>Invalid DestinationRule subset (name, labels)</source>
        <translation>无效的 DestinationRule 子集（名称、标签）</translation>
    </message>
    <message>
        <source>Referenced resource not found (gateway, host, subset, delegate)</source>
        <translation>未找到引用的资源（网关、主机、子集、委托）</translation>
    </message>
    <message>
        <source>VirtualServices bound to the mesh define the same host</source>
        <translation>绑定到网格的多个 VirtualService 定义了相同的主机</translation>
    </message>
    <message>
        <source>Sidecars select the same workloads</source>
        <translation>多个 Sidecar 选择了相同的工作负载</translation>
    </message>
    <message>
        <source>More than one Sidecar without workload selector in a namespace</source>
        <translation>同一命名空间中存在多个未设置工作负载选择器的 Sidecar</translation>
    </message>
    <message>
        <source>Selector matches no workload</source>
        <translation>选择器未匹配任何工作负载</translation>
    </message>
    <message>
        <source>DestinationRule TLS without caCertificates (no server verification)</source>
        <translation>DestinationRule TLS 未设置 caCertificates（不验证服务器）</translation>
    </message>
    <message>
        <source>Port-level DestinationRule TLS without caCertificates</source>
        <translation>端口级 DestinationRule TLS 未设置 caCertificates</translation>
    </message>
    <message>
        <source>VirtualService rule unreachable after a catch-all rule</source>
        <translation>VirtualService 规则位于兜底规则之后，无法命中</translation>
    </message>
    <message>
        <source>VirtualService match duplicates an earlier match</source>
        <translation>VirtualService 匹配条件与之前的匹配条件重复</translation>
    </message>
    <message>
        <source>VirtualService host not served by its Gateway</source>
        <translation>VirtualService 的主机未由其 Gateway 提供服务</translation>
    </message>
    <message>
        <source>DestinationRule subset selects no pods</source>
        <translation>DestinationRule 子集未选中任何 Pod</translation>
    </message>
    <message>
        <source>DestinationRule host matches no service</source>
        <translation>DestinationRule 主机未匹配任何服务</translation>
    </message>
    <message>
        <source>More than one DestinationRule for a host</source>
        <translation>同一主机存在多个 DestinationRule</translation>
    </message>
    <message>
        <source>More than one VirtualService for a host on the same gateway</source>
        <translation>同一网关上同一主机存在多个 VirtualService</translation>
    </message>
    <message>
        <source>DestinationRule disables TLS where PeerAuthentication requires STRICT mTLS</source>
        <translation>PeerAuthentication 要求 STRICT mTLS，但 DestinationRule 禁用了 TLS</translation>
    </message>
    <message>
        <source>RequestAuthentication without an AuthorizationPolicy</source>
        <translation>RequestAuthentication 缺少配套的 AuthorizationPolicy</translation>
    </message>
    <message>
        <source>port number %1 must be in the range 1..65535</source>
        <translation>端口号 %1 必须在 1..65535 范围内</translation>
    </message>
    <message>
        <source>duplicate entries in exportTo: %1</source>
        <translation>exportTo 中存在重复项：%1</translation>
    </message>
    <message>
        <source>exportTo ~ is only allowed on ServiceEntry</source>
        <translation>exportTo ~ 仅允许用于 ServiceEntry</translation>
    </message>
    <message>
        <source>exportTo %1 must be the only entry</source>
        <translation>exportTo %1 必须是唯一的条目</translation>
    </message>
    <message>
        <source>invalid namespace in exportTo: &quot;%1&quot;</source>
        <translation>exportTo 中的命名空间无效：“%1”</translation>
    </message>
    <message>
        <source>targetRef name is required</source>
        <translation>targetRef 必须指定 name</translation>
    </message>
    <message>
        <source>targetRef kind &quot;%1&quot; is not supported (Service, ServiceEntry, Gateway or GatewayClass)</source>
        <translation>不支持 targetRef kind“%1”（仅支持 Service、ServiceEntry、Gateway 或 GatewayClass）</translation>
    </message>
    <message>
        <source>targetRef of kind %1 must have group gateway.networking.k8s.io</source>
        <translation>kind 为 %1 的 targetRef 的 group 必须为 gateway.networking.k8s.io</translation>
    </message>
    <message>
        <source>an empty selector matches every workload in the namespace</source>
        <translation>空选择器会匹配命名空间中的所有工作负载</translation>
    </message>
    <message>
        <source>invalid label key &quot;%1&quot;</source>
        <translation>无效的标签键“%1”</translation>
    </message>
    <message>
        <source>invalid label value &quot;%1&quot;</source>
        <translation>无效的标签值“%1”</translation>
    </message>
    <message>
        <source>percentage %1 is out of range [0.0, 100.0]</source>
        <translation>百分比 %1 超出范围 [0.0, 100.0]</translation>
    </message>
    <message>
        <source>the annotation %1 is reserved for Istio</source>
        <translation>注解 %1 为 Istio 保留</translation>
    </message>
    <message>
        <source>istio.io/dry-run is only supported on ALLOW and DENY AuthorizationPolicy</source>
        <translation>istio.io/dry-run 仅支持 ALLOW 和 DENY 类型的 AuthorizationPolicy</translation>
    </message>
    <message>
        <source>istio.io/dry-run must be &quot;true&quot; or &quot;false&quot;</source>
        <translation>istio.io/dry-run 必须为 &quot;true&quot; 或 &quot;false&quot;</translation>
    </message>
    <message>
        <source>invalid header %1: Host and pseudo-headers cannot be changed</source>
        <translation>无效的头部 %1：不能修改 Host 和伪头部</translation>
    </message>
    <message>
        <source>header name &quot;%1&quot; is not valid</source>
        <translation>头部名称“%1”无效</translation>
    </message>
    <message>
        <source>header value contains control characters</source>
        <translation>头部值包含控制字符</translation>
    </message>
    <message>
        <source>invalid header %1: Host and pseudo-headers cannot be removed</source>
        <translation>无效的头部 %1：不能删除 Host 和伪头部</translation>
    </message>
    <message>
        <source>redirect must specify URI, authority, scheme, or port</source>
        <translation>重定向必须指定 URI、authority、scheme 或端口</translation>
    </message>
    <message>
        <source>redirect may set only one of port or derivePort</source>
        <translation>重定向只能设置 port 或 derivePort 之一</translation>
    </message>
    <message>
        <source>%1 is not a valid redirect code, must be 3xx</source>
        <translation>%1 不是有效的重定向状态码，必须为 3xx</translation>
    </message>
    <message>
        <source>redirect scheme must be http or https, not &quot;%1&quot;</source>
        <translation>重定向 scheme 必须为 http 或 https，而不是“%1”</translation>
    </message>
    <message>
        <source>rewrite may set only one of uri or uriRegexRewrite</source>
        <translation>重写只能设置 uri 或 uriRegexRewrite 之一</translation>
    </message>
    <message>
        <source>rewrite must specify uri, authority or uriRegexRewrite</source>
        <translation>重写必须指定 uri、authority 或 uriRegexRewrite</translation>
    </message>
    <message>
        <source>uriRegexRewrite needs both match and rewrite</source>
        <translation>uriRegexRewrite 必须同时指定 match 和 rewrite</translation>
    </message>
    <message>
        <source>fault must have an abort or delay</source>
        <translation>故障注入必须包含 abort 或 delay</translation>
    </message>
    <message>
        <source>percentage %1 is out of range: 0 or 0.0001 to 100</source>
        <translation>百分比 %1 超出范围：应为 0 或 0.0001 到 100</translation>
    </message>
    <message>
        <source>invalid abort http status %1</source>
        <translation>无效的 abort HTTP 状态码 %1</translation>
    </message>
    <message>
        <source>HTTP/2 abort fault injection is not supported</source>
        <translation>不支持 HTTP/2 abort 故障注入</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid gRPC status code</source>
        <translation>“%1”不是有效的 gRPC 状态码</translation>
    </message>
    <message>
        <source>exponentialDelay is not supported</source>
        <translation>不支持 exponentialDelay</translation>
    </message>
    <message>
        <source>attempts cannot be negative</source>
        <translation>attempts 不能为负数</translation>
    </message>
    <message>
        <source>http retry policy configured when attempts are set to 0 (disabled)</source>
        <translation>attempts 设置为 0（已禁用）时仍配置了 HTTP 重试策略</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid retryOn policy</source>
        <translation>“%1”不是有效的 retryOn 策略</translation>
    </message>
    <message>
        <source>allowOrigins entry must not be empty</source>
        <translation>allowOrigins 条目不能为空</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid HTTP method</source>
        <translation>“%1”不是有效的 HTTP 方法</translation>
    </message>
    <message>
        <source>max_age duration is accurate only to seconds precision</source>
        <translation>max_age 时长仅精确到秒</translation>
    </message>
    <message>
        <source>HTTP route, redirect or direct response is required</source>
        <translation>必须指定 HTTP 路由、重定向或直接响应</translation>
    </message>
    <message>
        <source>HTTP route may have only one of route, redirect or directResponse</source>
        <translation>HTTP 路由只能设置 route、redirect 或 directResponse 之一</translation>
    </message>
    <message>
        <source>HTTP route with delegate cannot have route or redirect</source>
        <translation>带 delegate 的 HTTP 路由不能设置 route 或 redirect</translation>
    </message>
    <message>
        <source>HTTP route cannot contain both fault and redirect</source>
        <translation>HTTP 路由不能同时包含 fault 和 redirect</translation>
    </message>
    <message>
        <source>HTTP route rule cannot contain both rewrite and redirect</source>
        <translation>HTTP 路由规则不能同时包含 rewrite 和 redirect</translation>
    </message>
    <message>
        <source>HTTP route cannot contain both mirror and mirrors</source>
        <translation>HTTP 路由不能同时包含 mirror 和 mirrors</translation>
    </message>
    <message>
        <source>directResponse status %1 must be in the range 200..599</source>
        <translation>directResponse 状态码 %1 必须在 200..599 范围内</translation>
    </message>
    <message>
        <source>directResponse body is larger than 1 MB</source>
        <translation>directResponse 响应体超过 1 MB</translation>
    </message>
    <message>
        <source>directResponse body is larger than 100 KB; large bodies slow down configuration</source>
        <translation>directResponse 响应体超过 100 KB；响应体过大会拖慢配置下发</translation>
    </message>
    <message>
        <source>client certificate and private key are required for MUTUAL mode without credentialName</source>
        <translation>未设置 credentialName 时，MUTUAL 模式需要客户端证书和私钥</translation>
    </message>
    <message>
        <source>credentialName cannot be combined with inline certificates, keys or CRL</source>
        <translation>credentialName 不能与内联证书、密钥或 CRL 同时使用</translation>
    </message>
    <message>
        <source>insecureSkipVerify cannot be combined with caCertificates or subjectAltNames</source>
        <translation>insecureSkipVerify 不能与 caCertificates 或 subjectAltNames 同时使用</translation>
    </message>
    <message>
        <source>cookie name is required for consistent hashing</source>
        <translation>一致性哈希需要指定 Cookie 名称</translation>
    </message>
    <message>
        <source>minimumRingSize cannot be combined with ringHash or maglev</source>
        <translation>minimumRingSize 不能与 ringHash 或 maglev 同时使用</translation>
    </message>
    <message>
        <source>minimumRingSize is deprecated; use ringHash.minimumRingSize</source>
        <translation>minimumRingSize 已弃用；请使用 ringHash.minimumRingSize</translation>
    </message>
    <message>
        <source>maglev tableSize must be a prime number below 5000011</source>
        <translation>maglev 的 tableSize 必须是小于 5000011 的质数</translation>
    </message>
    <message>
        <source>localityLbSetting and zoneAwareLbSetting are mutually exclusive</source>
        <translation>localityLbSetting 与 zoneAwareLbSetting 互斥</translation>
    </message>
    <message>
        <source>aggression must be greater than 0</source>
        <translation>aggression 必须大于 0</translation>
    </message>
    <message>
        <source>traffic policy must have at least one field</source>
        <translation>流量策略必须至少包含一个字段</translation>
    </message>
    <message>
        <source>portLevelSettings need a port</source>
        <translation>portLevelSettings 需要指定端口</translation>
    </message>
    <message>
        <source>tunnel and proxyProtocol are mutually exclusive</source>
        <translation>tunnel 与 proxyProtocol 互斥</translation>
    </message>
    <message>
        <source>tunnel protocol must be CONNECT or POST</source>
        <translation>tunnel 协议必须为 CONNECT 或 POST</translation>
    </message>
    <message>
        <source>consecutiveErrors is deprecated; use consecutive5xxErrors</source>
        <translation>consecutiveErrors 已弃用；请使用 consecutive5xxErrors</translation>
    </message>
    <message>
        <source>consecutiveLocalOriginFailures requires splitExternalLocalOriginErrors</source>
        <translation>consecutiveLocalOriginFailures 需要启用 splitExternalLocalOriginErrors</translation>
    </message>
    <message>
        <source>connection pool must have at least one of http or tcp</source>
        <translation>连接池必须至少包含 http 或 tcp 之一</translation>
    </message>
    <message>
        <source>useClientProtocol cannot be combined with h2UpgradePolicy UPGRADE</source>
        <translation>useClientProtocol 不能与 h2UpgradePolicy UPGRADE 同时使用</translation>
    </message>
    <message>
        <source>server must have TLS settings for HTTPS/TLS protocols</source>
        <translation>HTTPS/TLS 协议的服务器必须配置 TLS 设置</translation>
    </message>
    <message>
        <source>server cannot have TLS settings for non HTTPS/TLS ports</source>
        <translation>非 HTTPS/TLS 端口的服务器不能配置 TLS 设置</translation>
    </message>
    <message>
        <source>server cannot have TLS settings for plain text HTTP ports</source>
        <translation>明文 HTTP 端口的服务器不能配置 TLS 设置</translation>
    </message>
    <message>
        <source>ISTIO_MUTUAL TLS cannot have certificates, CA or credential names</source>
        <translation>ISTIO_MUTUAL TLS 不能设置证书、CA 或凭据名称</translation>
    </message>
    <message>
        <source>%1 TLS requires a credentialName or serverCertificate and privateKey</source>
        <translation>%1 TLS 需要 credentialName，或 serverCertificate 和 privateKey</translation>
    </message>
    <message>
        <source>only one certificate source may be set: credentialName(s), tlsCertificates or inline certificates</source>
        <translation>只能设置一种证书来源：credentialName(s)、tlsCertificates 或内联证书</translation>
    </message>
    <message>
        <source>%1 TLS without credentialName requires caCertificates</source>
        <translation>未设置 credentialName 的 %1 TLS 需要 caCertificates</translation>
    </message>
    <message>
        <source>caCrl is not allowed with SIMPLE mode or credentialName</source>
        <translation>SIMPLE 模式或设置了 credentialName 时不允许使用 caCrl</translation>
    </message>
    <message>
        <source>PASSTHROUGH mode ignores the certificates</source>
        <translation>PASSTHROUGH 模式会忽略证书</translation>
    </message>
    <message>
        <source>more than 2 TLS certificates</source>
        <translation>TLS 证书超过 2 个</translation>
    </message>
    <message>
        <source>server config must contain at least one host</source>
        <translation>服务器配置必须至少包含一个主机</translation>
    </message>
    <message>
        <source>invalid namespace &quot;%1&quot; in host %2</source>
        <translation>主机 %2 中的命名空间“%1”无效</translation>
    </message>
    <message>
        <source>partial wildcard &quot;%1&quot; is not allowed</source>
        <translation>不允许使用部分通配符“%1”</translation>
    </message>
    <message>
        <source>host &quot;%1&quot; must be a fully qualified name, * or an IP</source>
        <translation>主机“%1”必须是完全限定域名、* 或 IP</translation>
    </message>
    <message>
        <source>subset name &quot;%1&quot; is not a valid DNS label</source>
        <translation>子集名称“%1”不是有效的 DNS 标签</translation>
    </message>
    <message>
        <source>duplicate subset name &quot;%1&quot;</source>
        <translation>子集名称“%1”重复</translation>
    </message>
    <message>
        <source>a DestinationRule with workloadSelector can only be exported to its own namespace</source>
        <translation>带 workloadSelector 的 DestinationRule 只能导出到其所在的命名空间</translation>
    </message>
    <message>
        <source>gateway name &quot;%1&quot; must not contain dots</source>
        <translation>网关名称“%1”不能包含点号</translation>
    </message>
    <message>
        <source>gateway must have at least one server</source>
        <translation>网关必须至少包含一个服务器</translation>
    </message>
    <message>
        <source>unrecognized protocol &quot;%1&quot;</source>
        <translation>无法识别的协议“%1”</translation>
    </message>
    <message>
        <source>targetPort is not supported in Gateway</source>
        <translation>Gateway 中不支持 targetPort</translation>
    </message>
    <message>
        <source>port names in servers must be unique: duplicate name %1</source>
        <translation>servers 中的端口名称必须唯一：名称 %1 重复</translation>
    </message>
    <message>
        <source>bind must be an IP address or an absolute unix:// path</source>
        <translation>bind 必须是 IP 地址或绝对 unix:// 路径</translation>
    </message>
    <message>
        <source>httpsRedirect only applies to plain text HTTP servers</source>
        <translation>httpsRedirect 仅适用于明文 HTTP 服务器</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid IP address or CIDR range</source>
        <translation>“%1”不是有效的 IP 地址或 CIDR 范围</translation>
    </message>
    <message>
        <source>endpoint address &quot;%1&quot; must be an IP address for STATIC resolution</source>
        <translation>STATIC 解析方式下，端点地址“%1”必须是 IP 地址</translation>
    </message>
    <message>
        <source>egress listener must have at least one host</source>
        <translation>egress 监听器必须至少包含一个主机</translation>
    </message>
    <message>
        <source>egress host &quot;%1&quot; must have the form namespace/dnsName</source>
        <translation>egress 主机“%1”必须采用 namespace/dnsName 格式</translation>
    </message>
    <message>
        <source>invalid namespace &quot;%1&quot; in egress host</source>
        <translation>egress 主机中的命名空间“%1”无效</translation>
    </message>
    <message>
        <source>empty value is not allowed</source>
        <translation>不允许空值</translation>
    </message>
    <message>
        <source>source must not be empty</source>
        <translation>source 不能为空</translation>
    </message>
    <message>
        <source>service account &quot;%1&quot; must be sa or namespace/sa, without wildcards, at most 320 characters</source>
        <translation>服务账号“%1”必须为 sa 或 namespace/sa 格式，不含通配符，且不超过 320 个字符</translation>
    </message>
    <message>
        <source>%1 is not supported with the CUSTOM action</source>
        <translation>CUSTOM 动作不支持 %1</translation>
    </message>
    <message>
        <source>operation must not be empty</source>
        <translation>operation 不能为空</translation>
    </message>
    <message>
        <source>port &quot;%1&quot; must be a number in the range 0..65535</source>
        <translation>端口“%1”必须是 0..65535 范围内的数字</translation>
    </message>
    <message>
        <source>path template &quot;%1&quot; may only use {*} and {**}, with {**} last</source>
        <translation>路径模板“%1”只能使用 {*} 和 {**}，且 {**} 必须位于末尾</translation>
    </message>
    <message>
        <source>unknown attribute &quot;%1&quot;</source>
        <translation>未知属性“%1”</translation>
    </message>
    <message>
        <source>attribute &quot;%1&quot; is not supported with the CUSTOM action</source>
        <translation>CUSTOM 动作不支持属性“%1”</translation>
    </message>
    <message>
        <source>condition needs values or notValues</source>
        <translation>条件需要指定 values 或 notValues</translation>
    </message>
    <message>
        <source>provider is only allowed with the CUSTOM action</source>
        <translation>provider 仅允许与 CUSTOM 动作一起使用</translation>
    </message>
    <message>
        <source>the CUSTOM action needs a provider name</source>
        <translation>CUSTOM 动作需要指定 provider 名称</translation>
    </message>
    <message>
        <source>the CUSTOM action needs rules (an empty rule {} matches everything)</source>
        <translation>CUSTOM 动作需要规则（空规则 {} 会匹配所有请求）</translation>
    </message>
    <message>
        <source>a DENY policy needs at least one rule</source>
        <translation>DENY 策略至少需要一条规则</translation>
    </message>
    <message>
        <source>rule must not be null</source>
        <translation>规则不能为 null</translation>
    </message>
    <message>
        <source>%1 must not be empty</source>
        <translation>%1 不能为空</translation>
    </message>
    <message>
        <source>a JWT rule needs an issuer or a jwksUri</source>
        <translation>JWT 规则需要指定 issuer 或 jwksUri</translation>
    </message>
    <message>
        <source>jwks is not a valid JSON Web Key Set</source>
        <translation>jwks 不是有效的 JSON Web Key Set</translation>
    </message>
    <message>
        <source>jwks contains a private key</source>
        <translation>jwks 中包含私钥</translation>
    </message>
    <message>
        <source>header name must not be empty</source>
        <translation>头部名称不能为空</translation>
    </message>
    <message>
        <source>outputClaimToHeaders needs both header and claim</source>
        <translation>outputClaimToHeaders 必须同时指定 header 和 claim</translation>
    </message>
    <message>
        <source>invalid destination host *</source>
        <translation>无效的目标主机 *</translation>
    </message>
    <message>
        <source>subset &quot;%1&quot; is not a valid DNS label</source>
        <translation>子集“%1”不是有效的 DNS 标签</translation>
    </message>
    <message>
        <source>weight %1 &lt; 0</source>
        <translation>权重 %1 &lt; 0</translation>
    </message>
    <message>
        <source>total destination weight = 0</source>
        <translation>目标总权重 = 0</translation>
    </message>
    <message>
        <source>%1 match must not be empty</source>
        <translation>%1 匹配条件不能为空</translation>
    </message>
    <message>
        <source>regex is longer than 1024 characters</source>
        <translation>regex 长度超过 1024 个字符</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid regular expression: %2</source>
        <translation>“%1”不是有效的正则表达式：%2</translation>
    </message>
    <message>
        <source>JWT claim based routing is only supported for gateway-bound virtual services</source>
        <translation>基于 JWT claim 的路由仅支持绑定到网关的 VirtualService</translation>
    </message>
    <message>
        <source>invalid namespace &quot;%1&quot;</source>
        <translation>无效的命名空间“%1”</translation>
    </message>
    <message>
        <source>wildcard host * is not allowed for virtual services bound to the mesh gateway</source>
        <translation>绑定到 mesh 网关的 VirtualService 不允许使用通配主机 *</translation>
    </message>
    <message>
        <source>duplicate hosts in virtual service: %1 &amp; %2</source>
        <translation>VirtualService 中存在重复主机：%1 与 %2</translation>
    </message>
    <message>
        <source>invalid namespace &quot;%1&quot; in gateway reference</source>
        <translation>网关引用中的命名空间“%1”无效</translation>
    </message>
    <message>
        <source>invalid gateway name: %1</source>
        <translation>无效的网关名称：%1</translation>
    </message>
    <message>
        <source>using legacy gatewayName.namespace &quot;%1&quot;; use namespace/gatewayName instead</source>
        <translation>正在使用旧式 gatewayName.namespace 写法“%1”；请改用 namespace/gatewayName</translation>
    </message>
    <message>
        <source>TLS route must have at least one match condition</source>
        <translation>TLS 路由必须至少包含一个匹配条件</translation>
    </message>
    <message>
        <source>TLS match must have at least one SNI host</source>
        <translation>TLS 匹配条件必须至少包含一个 SNI 主机</translation>
    </message>
    <message>
        <source>SNI host %1 is an IP address, which clients do not send as SNI</source>
        <translation>SNI 主机 %1 是 IP 地址，客户端不会将其作为 SNI 发送</translation>
    </message>
    <message>
        <source>the SNI host %1 is not a match for any virtual service host</source>
        <translation>SNI 主机 %1 与 VirtualService 的任何主机都不匹配</translation>
    </message>
    <message>
        <source>TLS route is required</source>
        <translation>必须指定 TLS 路由</translation>
    </message>
    <message>
        <source>TCP route is required</source>
        <translation>必须指定 TCP 路由</translation>
    </message>
    <message>
        <source>http, tcp or tls must be provided in virtual service</source>
        <translation>VirtualService 中必须提供 http、tcp 或 tls</translation>
    </message>
    <message>
        <source>delegate virtual service must not have gateways</source>
        <translation>委托 VirtualService 不能设置 gateways</translation>
    </message>
    <message>
        <source>delegate virtual service must have only http routes</source>
        <translation>委托 VirtualService 只能包含 http 路由</translation>
    </message>
    <message>
        <source>delegate virtual service cannot have delegate</source>
        <translation>委托 VirtualService 不能再设置 delegate</translation>
    </message>
    <message>
        <source>cannot read file: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <source>no matches for kind &quot;%1&quot; in version &quot;%2&quot;</source>
        <translation>在版本“%2”中找不到 kind“%1”的匹配项</translation>
    </message>
    <message>
        <source>A plain scalar is read as a boolean or number (YAML 1.1, as kubectl reads it) where the field takes a string: quote it</source>
        <translation>未加引号的标量被读作布尔值或数字（YAML 1.1，与 kubectl 的读取方式一致），而该字段需要字符串：请加引号</translation>
    </message>
    <message>
        <source>the boolean %1</source>
        <translation>布尔值 %1</translation>
    </message>
    <message>
        <source>the number %1</source>
        <translation>数字 %1</translation>
    </message>
    <message>
        <source>%1 is read as %2, as kubectl reads YAML (YAML 1.1), but this field takes a string: write &quot;%1&quot; in quotes</source>
        <translation>%1 被读作%2（kubectl 按 YAML 1.1 读取），但该字段需要字符串：请写成带引号的 &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>md::Main</name>
    <message>
        <source>MeshDesk: a desktop console for Istio service meshes across Kubernetes clusters.</source>
        <translation>MeshDesk：跨 Kubernetes 集群的 Istio 服务网格桌面控制台。</translation>
    </message>
    <message>
        <source>User interface language: %1 (default: the system&apos;s).</source>
        <translation>界面语言：%1（默认跟随系统）。</translation>
    </message>
    <message>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Print the start-up time, then quit once the window is shown (for benchmarks).</source>
        <translation>打印启动耗时，并在窗口显示后退出（用于基准测试）。</translation>
    </message>
    <message>
        <source>meshdesk: no translation for language &quot;%1&quot;; using English. Available: %2</source>
        <translation>meshdesk：没有语言“%1”的翻译，将使用英语。可用语言：%2</translation>
    </message>
    <message>
        <source>The kubeconfig file to use (no merging), as kubectl; default: $KUBECONFIG, else ~/.kube/config.</source>
        <translation>要使用的 kubeconfig 文件（不合并），与 kubectl 相同；默认：$KUBECONFIG，否则 ~/.kube/config。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Connect this kubeconfig context at start (default: the contexts connected last time, else the current context).</source>
        <translation>启动时连接此 kubeconfig 上下文（默认：上次连接的上下文，否则为当前上下文）。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Start the demo: a simulated two-cluster Istio mesh (meshsim) and Prometheus, stopped again when MeshDesk closes.</source>
        <translation>启动演示：一个模拟的双集群 Istio 网格（meshsim）和 Prometheus，MeshDesk 关闭时一并停止。</translation>
    </message>
</context>
<context>
    <name>md::MessageModel</name>
    <message>
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>1 个错误</translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation>%1 个错误</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 个警告</translation>
    </message>
    <message>
        <source>%1 warnings</source>
        <translation>%1 个警告</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
</context>
<context>
    <name>md::Pages</name>
    <message>
        <source>Mesh overview</source>
        <translation>网格概览</translation>
    </message>
    <message>
        <source>Service management</source>
        <translation>服务管理</translation>
    </message>
    <message>
        <source>Traffic management</source>
        <translation>流量治理</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安全治理</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>监控</translation>
    </message>
    <message>
        <source>Sidecars</source>
        <translation>边车管理</translation>
    </message>
    <message>
        <source>Mesh clusters</source>
        <translation>网格集群</translation>
    </message>
    <message>
        <source>Mesh gateways</source>
        <translation>网格网关</translation>
    </message>
    <message>
        <source>Mesh config</source>
        <translation>网格配置</translation>
    </message>
    <message>
        <source>Health at a glance: clusters, services, injected pods, Istio versions and the busiest services.</source>
        <translation>健康状况一览：集群、服务、已注入的 Pod、Istio 版本以及最繁忙的服务。</translation>
    </message>
    <message>
        <source>Services aggregated across clusters, their endpoints and diagnostics.</source>
        <translation>跨集群聚合的服务、其端点与诊断信息。</translation>
    </message>
    <message>
        <source>VirtualService</source>
        <translation>VirtualService</translation>
    </message>
    <message>
        <source>Routing rules: matches, destinations and weights, retries, timeouts, faults and mirrors.</source>
        <translation>路由规则：匹配条件、目标与权重、重试、超时、故障注入与流量镜像。</translation>
    </message>
    <message>
        <source>DestinationRule</source>
        <translation>DestinationRule</translation>
    </message>
    <message>
        <source>Subsets, load balancing, connection pools, outlier detection and client TLS.</source>
        <translation>子集、负载均衡、连接池、异常检测与客户端 TLS。</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <source>Gateway rules: servers, ports, hosts and TLS of ingress and egress gateways.</source>
        <translation>网关规则：入口与出口网关的服务器、端口、主机和 TLS。</translation>
    </message>
    <message>
        <source>PeerAuthentication</source>
        <translation>PeerAuthentication</translation>
    </message>
    <message>
        <source>Mutual TLS modes for the mesh, a namespace or a workload.</source>
        <translation>网格、命名空间或工作负载的双向 TLS 模式。</translation>
    </message>
    <message>
        <source>RequestAuthentication</source>
        <translation>RequestAuthentication</translation>
    </message>
    <message>
        <source>JWT rules: issuers, audiences and key sets.</source>
        <translation>JWT 规则：签发者、受众与密钥集。</translation>
    </message>
    <message>
        <source>AuthorizationPolicy</source>
        <translation>AuthorizationPolicy</translation>
    </message>
    <message>
        <source>Who may call what: ALLOW, DENY, AUDIT and CUSTOM rules.</source>
        <translation>谁可以调用什么：ALLOW、DENY、AUDIT 与 CUSTOM 规则。</translation>
    </message>
    <message>
        <source>Topology</source>
        <translation>拓扑</translation>
    </message>
    <message>
        <source>The live service graph with request rates, errors and latency.</source>
        <translation>实时服务拓扑图，含请求速率、错误率与延迟。</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Dashboards at mesh, service and workload level.</source>
        <translation>网格、服务和工作负载级别的监控面板。</translation>
    </message>
    <message>
        <source>Namespace injection</source>
        <translation>命名空间注入</translation>
    </message>
    <message>
        <source>Sidecar injection policy per namespace: enabled, disabled or not set.</source>
        <translation>每个命名空间的边车注入策略：启用、禁用或未设置。</translation>
    </message>
    <message>
        <source>Workload injection</source>
        <translation>工作负载注入</translation>
    </message>
    <message>
        <source>Sidecars per workload: injection, resources, traffic passthrough and restarts.</source>
        <translation>每个工作负载的边车：注入、资源、流量透传与重启。</translation>
    </message>
    <message>
        <source>The clusters of the mesh, their connection health, versions and roles.</source>
        <translation>网格中的集群及其连接健康状况、版本与角色。</translation>
    </message>
    <message>
        <source>Ingress and egress gateway deployments: create, scale, edit and delete.</source>
        <translation>入口与出口网关部署：创建、扩缩容、编辑和删除。</translation>
    </message>
    <message>
        <source>Istio resources</source>
        <translation>Istio 资源</translation>
    </message>
    <message>
        <source>Every Istio resource kind as YAML, with labels, annotations and gateway TLS secrets.</source>
        <translation>以 YAML 管理所有 Istio 资源类型，含标签、注解以及网关 TLS 密钥。</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>External services</source>
        <translation>外部服务</translation>
    </message>
    <message>
        <source>ServiceEntries: services outside the mesh that workloads may call.</source>
        <translation>ServiceEntry：工作负载可以调用的网格外部服务。</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Every change MeshDesk applied or deleted, with before and after, and one-click revert.</source>
        <translation>MeshDesk 应用或删除的每项变更，包含变更前后内容，可一键回滚。</translation>
    </message>
</context>
<context>
    <name>md::Session</name>
    <message>
        <source>Cannot load the kubeconfig: %1</source>
        <translation>无法加载 kubeconfig：%1</translation>
    </message>
    <message>
        <source>The demo could not start: %1</source>
        <translation>演示无法启动：%1</translation>
    </message>
    <message>
        <source>Cannot read the demo&apos;s kubeconfig: %1</source>
        <translation>无法读取演示的 kubeconfig：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Cannot connect %1</source>
        <translation>无法连接 %1</translation>
    </message>
</context>
<context>
    <name>md::apply</name>
    <message>
        <source>the object has no kind or apiVersion</source>
        <translation>该对象没有 kind 或 apiVersion</translation>
    </message>
    <message>
        <source>the cluster %1 does not serve %2 in %3</source>
        <translation>集群 %1 未提供 %3 版本的 %2</translation>
    </message>
    <message>
        <source>the cluster %1 is not connected</source>
        <translation>集群 %1 未连接</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message numerus="yes">
        <source>Not sent: %n validation error(s)</source>
        <translation>
            <numerusform>未发送：%n 个校验错误</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2 has no namespace</source>
        <translation>%1 %2 没有命名空间</translation>
    </message>
    <message>
        <source>an update needs the resourceVersion the edit started from: MeshDesk never overwrites blindly</source>
        <translation>更新需要编辑开始时的 resourceVersion：MeshDesk 从不盲目覆盖</translation>
    </message>
    <message>
        <source>(the live object could not be read: %1)</source>
        <translation>（无法读取线上对象：%1）</translation>
    </message>
    <message>
        <source>an object needs a kind and metadata.name</source>
        <translation>对象需要 kind 和 metadata.name</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>%1 failed and can be retried (your edit is kept): %2</source>
        <translation>%1 失败，可以重试（您的编辑已保留）：%2</translation>
    </message>
    <message>
        <source>you</source>
        <translation>您</translation>
    </message>
    <message>
        <source>Forbidden: %1 may not %2 %3 (the permission to %2 %3 is missing)</source>
        <translation>禁止：%1 无权 %2 %3（缺少对 %3 执行 %2 的权限）</translation>
    </message>
    <message>
        <source>Forbidden: %1 may not %2 %3 in namespace %4 (the permission to %2 %3 is missing)</source>
        <translation>禁止：%1 无权在命名空间 %4 中 %2 %3（缺少对 %3 执行 %2 的权限）</translation>
    </message>
    <message>
        <source>Conflict: the object was created by someone else meanwhile</source>
        <translation>冲突：该对象在此期间已被他人创建</translation>
    </message>
    <message>
        <source>Conflict: the object was changed on the server since your edit began</source>
        <translation>冲突：自您开始编辑以来，该对象已在服务器上被修改</translation>
    </message>
    <message>
        <source>Not found: the object no longer exists on the server (%1)</source>
        <translation>未找到：该对象在服务器上已不存在（%1）</translation>
    </message>
    <message>
        <source>Rejected by the server: %1</source>
        <translation>被服务器拒绝：%1</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>&lt;input&gt;</source>
        <translation>&lt;输入&gt;</translation>
    </message>
    <message>
        <source>%1: document %2, line %3</source>
        <translation>%1：第 %2 个文档，第 %3 行</translation>
    </message>
    <message>
        <source>%1 has no apiVersion</source>
        <translation>%1 没有 apiVersion</translation>
    </message>
    <message>
        <source>%1 uses metadata.generateName, which apply cannot update later: give it a name</source>
        <translation>%1 使用了 metadata.generateName，apply 之后无法更新它：请为其指定名称</translation>
    </message>
    <message>
        <source>%1 has no metadata.name</source>
        <translation>%1 没有 metadata.name</translation>
    </message>
    <message>
        <source>no Kubernetes object (a mapping with apiVersion and kind) found</source>
        <translation>未找到 Kubernetes 对象（包含 apiVersion 和 kind 的映射）</translation>
    </message>
    <message>
        <source>cannot read file: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <source>is in this namespace</source>
        <translation>位于此命名空间中</translation>
    </message>
    <message>
        <source>routes traffic through this Gateway</source>
        <translation>通过此 Gateway 路由流量</translation>
    </message>
    <message>
        <source>delegates routes to this VirtualService</source>
        <translation>将路由委托给此 VirtualService</translation>
    </message>
    <message>
        <source>uses this Secret as its TLS credential</source>
        <translation>将此 Secret 用作其 TLS 凭据</translation>
    </message>
    <message>
        <source>uses this Secret as its client TLS credential</source>
        <translation>将此 Secret 用作其客户端 TLS 凭据</translation>
    </message>
    <message>
        <source>routes to subset %1 of this DestinationRule</source>
        <translation>路由到此 DestinationRule 的子集 %1</translation>
    </message>
    <message>
        <source>routes to host %1</source>
        <translation>路由到主机 %1</translation>
    </message>
    <message>
        <source>sets the traffic policy of host %1</source>
        <translation>设置主机 %1 的流量策略</translation>
    </message>
    <message>
        <source>this change failed: there is nothing to revert</source>
        <translation>此变更失败：没有可回滚的内容</translation>
    </message>
    <message>
        <source>a Secret cannot be reverted: its data is never journaled</source>
        <translation>Secret 无法回滚：其数据从不记录到日志</translation>
    </message>
    <message>
        <source>unknown operation &quot;%1&quot;</source>
        <translation>未知操作 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the created object no longer exists</source>
        <translation>所创建的对象已不存在</translation>
    </message>
    <message>
        <source>the object no longer exists: it cannot be updated back</source>
        <translation>该对象已不存在：无法更新回去</translation>
    </message>
    <message>
        <source>the journal&apos;s &quot;before&quot; cannot be read</source>
        <translation>无法读取日志中的 &quot;before&quot;</translation>
    </message>
    <message>
        <source>an object of that name exists again: open it instead</source>
        <translation>同名对象已再次存在：请直接打开它</translation>
    </message>
</context>
<context>
    <name>md::cli</name>
    <message>
        <source>The command to run.</source>
        <translation>要运行的命令。</translation>
    </message>
    <message>
        <source>The kubeconfig file to use (no merging), as kubectl.</source>
        <translation>要使用的 kubeconfig 文件（不合并），与 kubectl 相同。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>The kubeconfig context to use.</source>
        <translation>要使用的 kubeconfig 上下文。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>The namespace.</source>
        <translation>命名空间。</translation>
    </message>
    <message>
        <source>namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>List across all namespaces.</source>
        <translation>列出所有命名空间中的对象。</translation>
    </message>
    <message>
        <source>Output format: json, yaml or name (default: a table).</source>
        <translation>输出格式：json、yaml 或 name（默认：表格）。</translation>
    </message>
    <message>
        <source>format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Label selector, e.g. app=reviews.</source>
        <translation>标签选择器，例如 app=reviews。</translation>
    </message>
    <message>
        <source>selector</source>
        <translation>选择器</translation>
    </message>
    <message>
        <source>Keep metadata.managedFields in json and yaml output.</source>
        <translation>在 json 和 yaml 输出中保留 metadata.managedFields。</translation>
    </message>
    <message>
        <source>meshdesk-cli: unknown command &quot;%1&quot;. Run meshdesk-cli --help.</source>
        <translation>meshdesk-cli：未知命令“%1”。请运行 meshdesk-cli --help。</translation>
    </message>
    <message>
        <source>meshdesk-cli: %1</source>
        <translation>meshdesk-cli：%1</translation>
    </message>
    <message>
        <source>CURRENT</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>CLUSTER</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>AUTHINFO</source>
        <translation>认证信息</translation>
    </message>
    <message>
        <source>NAMESPACE</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>meshdesk-cli get: expected KIND [NAME], e.g. `meshdesk-cli get virtualservices -n bookinfo`</source>
        <translation>meshdesk-cli get：需要 KIND [NAME]，例如 `meshdesk-cli get virtualservices -n bookinfo`</translation>
    </message>
    <message>
        <source>meshdesk-cli get: unknown output format &quot;%1&quot; (use json, yaml or name)</source>
        <translation>meshdesk-cli get：未知输出格式“%1”（请使用 json、yaml 或 name）</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>meshdesk-cli: discovery failed: %1</source>
        <translation>meshdesk-cli：API 发现失败：%1</translation>
    </message>
    <message>
        <source>no answer within 60 s</source>
        <translation>60 秒内没有响应</translation>
    </message>
    <message>
        <source>meshdesk-cli: the server doesn&apos;t have a resource type &quot;%1&quot;</source>
        <translation>meshdesk-cli：服务器没有资源类型“%1”</translation>
    </message>
    <message>
        <source>Error from server: %1</source>
        <translation>服务器返回错误：%1</translation>
    </message>
    <message>
        <source>No resources found</source>
        <translation>未找到资源</translation>
    </message>
    <message>
        <source>No resources found in %1 namespace.</source>
        <translation>在命名空间 %1 中未找到资源。</translation>
    </message>
    <message>
        <source>AGE</source>
        <translation>存在时间</translation>
    </message>
    <message>
        <source>validate: the CustomResourceDefinitions to check the schema against.</source>
        <translation>validate：用于校验 schema 的 CustomResourceDefinition 文件。</translation>
    </message>
    <message>
        <source>validate: list every message code and exit.</source>
        <translation>validate：列出所有消息代码后退出。</translation>
    </message>
    <message>
        <source>meshdesk-cli validate: unknown output format &quot;%1&quot; (use json)</source>
        <translation>meshdesk-cli validate：未知输出格式“%1”（请使用 json）</translation>
    </message>
    <message>
        <source>| code | severity | layer | what it means |</source>
        <translation>| 代码 | 严重程度 | 层 | 含义 |</translation>
    </message>
    <message>
        <source>meshdesk-cli validate: expected one or more files (- reads standard input)</source>
        <translation>meshdesk-cli validate：需要一个或多个文件（- 表示从标准输入读取）</translation>
    </message>
    <message>
        <source>meshdesk-cli validate: %1</source>
        <translation>meshdesk-cli validate：%1</translation>
    </message>
    <message>
        <source>No validation issues found in 1 file.</source>
        <translation>在 1 个文件中未发现校验问题。</translation>
    </message>
    <message>
        <source>No validation issues found in %1 files.</source>
        <translation>在 %1 个文件中未发现校验问题。</translation>
    </message>
    <message>
        <source>meshdesk-cli validate: no CRDs found (looked for %1; give --crds FILE or set MESHDESK_CRDS): the schema layer is skipped</source>
        <translation>meshdesk-cli validate：未找到 CRD（已查找 %1；请使用 --crds FILE 或设置 MESHDESK_CRDS）：跳过模式校验层</translation>
    </message>
    <message>
        <source>meshdesk-cli: MeshDesk without a window, for scripts.

Commands:
  contexts                 the kubeconfig&apos;s contexts (like kubectl config get-contexts)
  get KIND [NAME]          objects of any kind the cluster serves (Istio kinds included)
  apply -f FILE...         create or update objects, validated first, never overwriting a
                           newer version (--dry-run=client|server, -f - reads stdin)
  delete KIND NAME         delete an object (--dry-run=server)
  validate FILE...         offline validation of Istio policies, like istioctl analyze
                           (--crds FILE for the schema layer, --codes lists every code)
  topology --prometheus URL  the service topology graph (-o json|dot; topology --help)
  layout GRAPH.json        lays out a graph file: node centres and edge routes as JSON

Exit codes: 0 success, 1 validation or API error, 2 usage error.</source>
        <translation>meshdesk-cli：无窗口的 MeshDesk，供脚本使用。

命令：
  contexts                 kubeconfig 中的上下文（同 kubectl config get-contexts）
  get KIND [NAME]          集群提供的任意类型对象（包括 Istio 类型）
  apply -f FILE...         创建或更新对象，先校验，绝不覆盖更新的
                           版本（--dry-run=client|server，-f - 读取标准输入）
  delete KIND NAME         删除对象（--dry-run=server）
  validate FILE...         离线校验 Istio 策略，类似 istioctl analyze
                           （--crds FILE 启用 schema 校验层，--codes 列出所有代码）
  topology --prometheus URL  服务拓扑图（-o json|dot；详见 topology --help）
  layout GRAPH.json        对图文件进行布局：以 JSON 输出节点中心和边的路径

退出码：0 成功，1 校验或 API 错误，2 用法错误。</translation>
    </message>
    <message>
        <source>apply: a file of objects (repeatable; - reads standard input).</source>
        <translation>apply：包含对象的文件（可重复；- 表示读取标准输入）。</translation>
    </message>
    <message>
        <source>apply, delete: none, client (print what would be sent) or server (dryRun=All).</source>
        <translation>apply、delete：none、client（打印将要发送的内容）或 server（dryRun=All）。</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>meshdesk-cli apply: unexpected arguments &quot;%1&quot; (files go after -f)</source>
        <translation>meshdesk-cli apply：意外的参数 &quot;%1&quot;（文件应放在 -f 之后）</translation>
    </message>
    <message>
        <source>meshdesk-cli apply: no CRDs given (--crds FILE or MESHDESK_CRDS): the schema layer is skipped</source>
        <translation>meshdesk-cli apply：未提供 CRD（--crds FILE 或 MESHDESK_CRDS）：跳过模式校验层</translation>
    </message>
    <message>
        <source>meshdesk-cli apply: %1</source>
        <translation>meshdesk-cli apply：%1</translation>
    </message>
    <message>
        <source>meshdesk-cli apply: cannot list %1 for the cross-reference checks: %2</source>
        <translation>meshdesk-cli apply：无法列出 %1 以进行交叉引用检查：%2</translation>
    </message>
    <message>
        <source>meshdesk-cli %1: unknown output format &quot;%2&quot; (use json, yaml or name)</source>
        <translation>meshdesk-cli %1：未知输出格式 &quot;%2&quot;（请使用 json、yaml 或 name）</translation>
    </message>
    <message>
        <source>meshdesk-cli %1: --dry-run must be none, client or server, not &quot;%2&quot;</source>
        <translation>meshdesk-cli %1：--dry-run 必须是 none、client 或 server，而不是 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>Error from server (Conflict): %1: %2</source>
        <translation>服务器错误（Conflict）：%1：%2</translation>
    </message>
    <message>
        <source>  nothing was overwritten; the live object is at resourceVersion %1. Read it again (meshdesk-cli get), merge your change and apply again.</source>
        <translation>  未覆盖任何内容；线上对象的 resourceVersion 为 %1。请重新读取（meshdesk-cli get），合并您的变更后再次应用。</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <source>Error from server (%1): %2: %3</source>
        <translation>服务器错误（%1）：%2：%3</translation>
    </message>
    <message>
        <source>error: %1: %2</source>
        <translation>错误：%1：%2</translation>
    </message>
    <message>
        <source>meshdesk-cli apply: expected -f FILE (- reads standard input)</source>
        <translation>meshdesk-cli apply：需要 -f FILE（- 表示读取标准输入）</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>error: %1 (%2:%3): the server doesn&apos;t have a resource type &quot;%4&quot; in %5</source>
        <translation>错误：%1（%2:%3）：服务器在 %5 中没有资源类型 &quot;%4&quot;</translation>
    </message>
    <message>
        <source>error: the namespace from the provided object &quot;%1&quot; does not match the namespace &quot;%2&quot;. You must pass &apos;--namespace=%1&apos; to perform this operation.</source>
        <translation>错误：所提供对象的命名空间 &quot;%1&quot; 与命名空间 &quot;%2&quot; 不一致。必须传入 &apos;--namespace=%1&apos; 才能执行此操作。</translation>
    </message>
    <message numerus="yes">
        <source>meshdesk-cli apply: %n validation error(s): nothing was applied</source>
        <translation>
            <numerusform>meshdesk-cli apply：%n 个校验错误：未应用任何内容</numerusform>
        </translation>
    </message>
    <message>
        <source> created (dry run)</source>
        <translation> 已创建（试运行）</translation>
    </message>
    <message>
        <source>meshdesk-cli apply: no answer within 60 s</source>
        <translation>meshdesk-cli apply：60 秒内无应答</translation>
    </message>
    <message>
        <source> (server dry run)</source>
        <translation>（服务器端试运行）</translation>
    </message>
    <message>
        <source> created</source>
        <translation> 已创建</translation>
    </message>
    <message>
        <source> configured</source>
        <translation> 已配置</translation>
    </message>
    <message>
        <source> unchanged</source>
        <translation> 未变更</translation>
    </message>
    <message>
        <source>meshdesk-cli delete: expected KIND NAME, e.g. `meshdesk-cli delete virtualservice reviews -n bookinfo`</source>
        <translation>meshdesk-cli delete：需要 KIND NAME，例如 `meshdesk-cli delete virtualservice reviews -n bookinfo`</translation>
    </message>
    <message>
        <source>meshdesk-cli delete: --dry-run=client is not supported, use --dry-run=server</source>
        <translation>meshdesk-cli delete：不支持 --dry-run=client，请使用 --dry-run=server</translation>
    </message>
    <message>
        <source>meshdesk-cli delete: no answer within 60 s</source>
        <translation>meshdesk-cli delete：60 秒内无应答</translation>
    </message>
    <message>
        <source>deleted (server dry run)</source>
        <translation>已删除（服务器端试运行）</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>meshdesk-cli layout: expected one graph file (GRAPH.json, - reads standard input)</source>
        <translation>meshdesk-cli layout：需要一个图文件（GRAPH.json，- 表示读取标准输入）</translation>
    </message>
    <message>
        <source>meshdesk-cli layout: unknown output format &quot;%1&quot; (use json)</source>
        <translation>meshdesk-cli layout：未知的输出格式 &quot;%1&quot;（请使用 json）</translation>
    </message>
    <message>
        <source>meshdesk-cli layout: cannot read %1: %2</source>
        <translation>meshdesk-cli layout：无法读取 %1：%2</translation>
    </message>
    <message>
        <source>meshdesk-cli layout: %1: %2</source>
        <translation>meshdesk-cli layout：%1：%2</translation>
    </message>
    <message>
        <source>discovery: no answer within 60 s</source>
        <translation>发现：60 秒内没有应答</translation>
    </message>
    <message>
        <source>discovery failed: %1</source>
        <translation>发现失败：%1</translation>
    </message>
    <message>
        <source>listing %1: no answer within 60 s</source>
        <translation>列出 %1：60 秒内没有应答</translation>
    </message>
    <message>
        <source>listing %1: %2</source>
        <translation>列出 %1：%2</translation>
    </message>
    <message>
        <source>meshdesk-cli topology: the service topology graph from Prometheus.</source>
        <translation>meshdesk-cli topology：基于 Prometheus 的服务拓扑图。</translation>
    </message>
    <message>
        <source>URL of the Prometheus-compatible API (Prometheus, Thanos, Mimir, VictoriaMetrics).</source>
        <translation>兼容 Prometheus 的 API 的 URL（Prometheus、Thanos、Mimir、VictoriaMetrics）。</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>workload (default), app, versionedApp or service.</source>
        <translation>workload（默认）、app、versionedApp 或 service。</translation>
    </message>
    <message>
        <source>type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Keep this namespace&apos;s nodes and their direct callers and callees (repeatable; default: every namespace).</source>
        <translation>保留此命名空间的节点及其直接调用方和被调用方（可重复；默认：所有命名空间）。</translation>
    </message>
    <message>
        <source>Keep this cluster&apos;s nodes (repeatable).</source>
        <translation>保留此集群的节点（可重复）。</translation>
    </message>
    <message>
        <source>cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>The graph&apos;s time: unix seconds or RFC 3339 (default: now).</source>
        <translation>图的时间：Unix 秒数或 RFC 3339（默认：现在）。</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>The window the rates are averaged over: seconds or 30s, 10m, 2h, 1d (default 10m).</source>
        <translation>计算平均速率的时间窗口：秒数或 30s、10m、2h、1d（默认 10m）。</translation>
    </message>
    <message>
        <source>duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Include idle edges and (with a kubeconfig) unused workloads.</source>
        <translation>包含空闲的边以及（提供 kubeconfig 时）未使用的工作负载。</translation>
    </message>
    <message>
        <source>json (default) or dot.</source>
        <translation>json（默认）或 dot。</translation>
    </message>
    <message>
        <source>Bearer token for Prometheus.</source>
        <translation>Prometheus 的 Bearer 令牌。</translation>
    </message>
    <message>
        <source>token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Do not verify Prometheus&apos; TLS certificate.</source>
        <translation>不校验 Prometheus 的 TLS 证书。</translation>
    </message>
    <message>
        <source>Badges from this kubeconfig&apos;s cluster (the mesh&apos;s control plane).</source>
        <translation>从此 kubeconfig 的集群（网格的控制面）读取徽标。</translation>
    </message>
    <message>
        <source>The kubeconfig context for badges.</source>
        <translation>用于读取徽标的 kubeconfig 上下文。</translation>
    </message>
    <message>
        <source>meshdesk-cli topology: %1</source>
        <translation>meshdesk-cli topology：%1</translation>
    </message>
    <message>
        <source>unexpected arguments &quot;%1&quot;</source>
        <translation>意外的参数“%1”</translation>
    </message>
    <message>
        <source>--prometheus URL is required</source>
        <translation>需要 --prometheus URL</translation>
    </message>
    <message>
        <source>--prometheus: &quot;%1&quot; is not an http(s) URL</source>
        <translation>--prometheus：“%1”不是 http(s) URL</translation>
    </message>
    <message>
        <source>--graph-type: unknown graph type &quot;%1&quot; (use workload, app, versionedApp or service)</source>
        <translation>--graph-type：未知的图类型“%1”（可用 workload、app、versionedApp 或 service）</translation>
    </message>
    <message>
        <source>--time: &quot;%1&quot; is neither unix seconds nor an RFC 3339 time</source>
        <translation>--time：“%1”既不是 Unix 秒数也不是 RFC 3339 时间</translation>
    </message>
    <message>
        <source>--duration: &quot;%1&quot; is not a duration like 600, 30s, 10m, 2h or 1d</source>
        <translation>--duration：“%1”不是形如 600、30s、10m、2h 或 1d 的时长</translation>
    </message>
    <message>
        <source>-o: unknown output format &quot;%1&quot; (use json or dot)</source>
        <translation>-o：未知的输出格式“%1”（可用 json 或 dot）</translation>
    </message>
    <message>
        <source>meshdesk-cli topology: badges: %1</source>
        <translation>meshdesk-cli topology：徽标：%1</translation>
    </message>
</context>
<context>
    <name>md::demo</name>
    <message>
        <source>the demo did not start within %1 s</source>
        <translation>演示未能在 %1 秒内启动</translation>
    </message>
    <message>
        <source>meshsim was not found next to MeshDesk or on PATH; build it (scripts/run.sh does) or set MESHSIM_BIN</source>
        <translation>在 MeshDesk 旁边或 PATH 中找不到 meshsim；请先构建它（scripts/run.sh 会构建）或设置 MESHSIM_BIN</translation>
    </message>
    <message>
        <source>prometheus is not installed; run scripts/install-deps.sh (Debian package &quot;prometheus&quot;)</source>
        <translation>未安装 prometheus；请运行 scripts/install-deps.sh（Debian 软件包“prometheus”）</translation>
    </message>
    <message>
        <source>cannot create a temporary directory: %1</source>
        <translation>无法创建临时目录：%1</translation>
    </message>
    <message>
        <source>meshsim: %1</source>
        <translation>meshsim：%1</translation>
    </message>
    <message>
        <source>meshsim exited with code %1: %2</source>
        <translation>meshsim 已退出，退出码 %1：%2</translation>
    </message>
    <message>
        <source>Starting meshsim (a simulated two-cluster mesh)…</source>
        <translation>正在启动 meshsim（模拟的双集群网格）…</translation>
    </message>
    <message>
        <source>meshsim&apos;s ready line names no metrics URL: %1</source>
        <translation>meshsim 的就绪行中没有指标 URL：%1</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>prometheus exited with code %1: %2</source>
        <translation>prometheus 已退出，退出码 %1：%2</translation>
    </message>
    <message>
        <source>Starting Prometheus…</source>
        <translation>正在启动 Prometheus…</translation>
    </message>
    <message>
        <source>Demo ready</source>
        <translation>演示已就绪</translation>
    </message>
    <message>
        <source>the demo stopped: %1</source>
        <translation>演示已停止：%1</translation>
    </message>
    <message>
        <source>prometheus did not become ready within %1 s</source>
        <translation>prometheus 未能在 %1 秒内就绪</translation>
    </message>
    <message>
        <source>prometheus stopped: %1</source>
        <translation>prometheus 已停止：%1</translation>
    </message>
</context>
<context>
    <name>md::graph::GraphJson</name>
    <message>
        <source>line %1, column %2</source>
        <translation>第 %1 行，第 %2 列</translation>
    </message>
    <message>
        <source>must be a number of at least 0</source>
        <translation>必须是不小于 0 的数字</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>无效的 JSON：%1</translation>
    </message>
    <message>
        <source>the graph must be a JSON object with &quot;nodes&quot; and &quot;edges&quot;</source>
        <translation>图必须是包含 &quot;nodes&quot; 和 &quot;edges&quot; 的 JSON 对象</translation>
    </message>
    <message>
        <source>must be an array</source>
        <translation>必须是数组</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>必须是对象</translation>
    </message>
    <message>
        <source>must be a non-empty string</source>
        <translation>必须是非空字符串</translation>
    </message>
    <message>
        <source>must be a string or an array of strings</source>
        <translation>必须是字符串或字符串数组</translation>
    </message>
    <message>
        <source>duplicate id &quot;%1&quot; (first at nodes[%2])</source>
        <translation>重复的 id &quot;%1&quot;（首次出现于 nodes[%2]）</translation>
    </message>
    <message>
        <source>must be a node id (a string)</source>
        <translation>必须是节点 id（字符串）</translation>
    </message>
    <message>
        <source>unknown node id &quot;%1&quot;</source>
        <translation>未知的节点 id &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>md::kube</name>
    <message>
        <source>Cannot reach the API server: %1</source>
        <translation>无法连接 API 服务器：%1</translation>
    </message>
    <message>
        <source>TLS error: %1</source>
        <translation>TLS 错误：%1</translation>
    </message>
    <message>
        <source>Unreadable answer from the API server: %1</source>
        <translation>无法解析 API 服务器的响应：%1</translation>
    </message>
    <message>
        <source>Cannot get credentials: %1</source>
        <translation>无法获取凭据：%1</translation>
    </message>
    <message>
        <source>%1 (HTTP %2)</source>
        <translation>%1（HTTP %2）</translation>
    </message>
    <message>
        <source>%1 (HTTP %2): %3</source>
        <translation>%1（HTTP %2）：%3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>user &quot;%1&quot;</source>
        <translation>用户“%1”</translation>
    </message>
    <message>
        <source>the gcp auth plugin has been removed from Kubernetes clients. Use the &quot;gke-gcloud-auth-plugin&quot; credential plugin (an exec entry in the kubeconfig) instead; see https://cloud.google.com/blog/products/containers-kubernetes/kubectl-auth-changes-in-gke</source>
        <translation>Kubernetes 客户端已移除 gcp 认证插件。请改用 “gke-gcloud-auth-plugin” 凭据插件（kubeconfig 中的 exec 条目）；参见 https://cloud.google.com/blog/products/containers-kubernetes/kubectl-auth-changes-in-gke</translation>
    </message>
    <message>
        <source>the azure auth plugin has been removed from Kubernetes clients. Use the kubelogin credential plugin (https://github.com/Azure/kubelogin, an exec entry in the kubeconfig) instead; see https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins</source>
        <translation>Kubernetes 客户端已移除 azure 认证插件。请改用 kubelogin 凭据插件（https://github.com/Azure/kubelogin，kubeconfig 中的 exec 条目）；参见 https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins</translation>
    </message>
    <message>
        <source>no auth provider found for name &quot;%1&quot;</source>
        <translation>找不到名为“%1”的认证提供者</translation>
    </message>
    <message>
        <source>oidc: must provide %1</source>
        <translation>oidc：必须提供 %1</translation>
    </message>
    <message>
        <source>oidc: no valid id-token, and cannot refresh without refresh-token; log in again with your identity provider&apos;s tool</source>
        <translation>oidc：没有有效的 id-token，且缺少 refresh-token 无法刷新；请使用身份提供者的工具重新登录</translation>
    </message>
    <message>
        <source>oidc: the id-token has expired and refreshing it is not available here; run kubectl once to refresh it</source>
        <translation>oidc：id-token 已过期，此处无法刷新；请运行一次 kubectl 以刷新</translation>
    </message>
    <message>
        <source>%1 at offset %2</source>
        <translation>%1（偏移量 %2）</translation>
    </message>
    <message>
        <source>the output is not a JSON object</source>
        <translation>输出不是 JSON 对象</translation>
    </message>
    <message>
        <source>decoding the plugin&apos;s output: %1</source>
        <translation>解析插件输出：%1</translation>
    </message>
    <message>
        <source>decoding the plugin&apos;s output: apiVersion is missing</source>
        <translation>解析插件输出：缺少 apiVersion</translation>
    </message>
    <message>
        <source>exec plugin is configured to use API version %1, plugin returned version %2</source>
        <translation>exec 插件配置为使用 API 版本 %1，但插件返回了版本 %2</translation>
    </message>
    <message>
        <source>decoding the plugin&apos;s output: kind is &quot;%1&quot;, expected &quot;ExecCredential&quot;</source>
        <translation>解析插件输出：kind 为“%1”，应为“ExecCredential”</translation>
    </message>
    <message>
        <source>exec plugin didn&apos;t return a status field</source>
        <translation>exec 插件没有返回 status 字段</translation>
    </message>
    <message>
        <source>decoding the plugin&apos;s output: status.%1 must be a string</source>
        <translation>解析插件输出：status.%1 必须是字符串</translation>
    </message>
    <message>
        <source>exec plugin didn&apos;t return a token or cert/key pair</source>
        <translation>exec 插件没有返回令牌或证书/密钥对</translation>
    </message>
    <message>
        <source>exec plugin returned only certificate or key, not both</source>
        <translation>exec 插件只返回了证书或密钥之一，而不是两者</translation>
    </message>
    <message>
        <source>failed parsing the client key/certificate the plugin returned</source>
        <translation>无法解析插件返回的客户端密钥/证书</translation>
    </message>
    <message>
        <source>decoding the plugin&apos;s output: expirationTimestamp &quot;%1&quot; is not an RFC 3339 time</source>
        <translation>解析插件输出：expirationTimestamp“%1”不是 RFC 3339 时间</translation>
    </message>
    <message>
        <source>decoding the plugin&apos;s output: expirationTimestamp must be a string</source>
        <translation>解析插件输出：expirationTimestamp 必须是字符串</translation>
    </message>
    <message>
        <source>exec plugin %1</source>
        <translation>exec 插件 %1</translation>
    </message>
    <message>
        <source>exec plugin %1 of user &quot;%2&quot;</source>
        <translation>用户“%2”的 exec 插件 %1</translation>
    </message>
    <message>
        <source>not run: credential plugins never run on the main (GUI) thread</source>
        <translation>未运行：凭据插件从不在主（界面）线程上运行</translation>
    </message>
    <message>
        <source>invalid apiVersion &quot;%1&quot;</source>
        <translation>无效的 apiVersion“%1”</translation>
    </message>
    <message>
        <source>the plugin needs a terminal to log in (interactiveMode: Always), which MeshDesk cannot give it. Run a kubectl command with this context once in a terminal to log in, then retry.</source>
        <translation>该插件需要终端来登录（interactiveMode: Always），而 MeshDesk 无法提供终端。请先在终端中使用此上下文运行一次 kubectl 命令完成登录，然后重试。</translation>
    </message>
    <message>
        <source>exec: executable %1 not found</source>
        <translation>exec：找不到可执行文件 %1</translation>
    </message>
    <message>
        <source>It looks like you are trying to use a client-go credential plugin that is not installed.</source>
        <translation>您似乎在使用一个尚未安装的 client-go 凭据插件。</translation>
    </message>
    <message>
        <source>exec: executable %1 could not be started: %2</source>
        <translation>exec：无法启动可执行文件 %1：%2</translation>
    </message>
    <message>
        <source>exec: executable %1 did not finish within %2 s and was stopped</source>
        <translation>exec：可执行文件 %1 未在 %2 秒内结束，已被终止</translation>
    </message>
    <message>
        <source>exec: executable %1 crashed</source>
        <translation>exec：可执行文件 %1 崩溃</translation>
    </message>
    <message>
        <source>exec: executable %1 failed with exit code %2</source>
        <translation>exec：可执行文件 %1 失败，退出码 %2</translation>
    </message>
    <message>
        <source>malformed JSON at offset %1: %2</source>
        <translation>JSON 格式错误（偏移量 %1）：%2</translation>
    </message>
    <message>
        <source>the answer is not a JSON object</source>
        <translation>响应不是 JSON 对象</translation>
    </message>
    <message>
        <source>the client was closed</source>
        <translation>客户端已关闭</translation>
    </message>
    <message>
        <source>the kubeconfig file given explicitly does not exist</source>
        <translation>显式指定的 kubeconfig 文件不存在</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string</source>
        <translation>“%1”必须是字符串</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be true or false</source>
        <translation>“%1”必须是 true 或 false</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not valid base64</source>
        <translation>“%1”不是有效的 base64</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a list of strings</source>
        <translation>“%1”必须是字符串列表</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a mapping</source>
        <translation>“%1”必须是映射</translation>
    </message>
    <message>
        <source>&quot;extensions&quot; must be a list</source>
        <translation>“extensions”必须是列表</translation>
    </message>
    <message>
        <source>every item of &quot;extensions&quot; must be a mapping</source>
        <translation>“extensions”的每一项都必须是映射</translation>
    </message>
    <message>
        <source>duplicate name &quot;%1&quot; in list &quot;extensions&quot;</source>
        <translation>列表“extensions”中存在重复名称“%1”</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a list</source>
        <translation>“%1”必须是列表</translation>
    </message>
    <message>
        <source>must be a mapping with &quot;name&quot; and &quot;%1&quot;</source>
        <translation>必须是包含“name”和“%1”的映射</translation>
    </message>
    <message>
        <source>duplicate name &quot;%1&quot; in list &quot;%2&quot;</source>
        <translation>列表“%2”中存在重复名称“%1”</translation>
    </message>
    <message>
        <source>&quot;exec.env&quot; must be a list of name/value pairs</source>
        <translation>“exec.env”必须是 name/value 对的列表</translation>
    </message>
    <message>
        <source>a kubeconfig must be a mapping (apiVersion: v1, kind: Config)</source>
        <translation>kubeconfig 必须是映射（apiVersion: v1, kind: Config）</translation>
    </message>
    <message>
        <source>kind is &quot;%1&quot;, expected &quot;Config&quot;</source>
        <translation>kind 为“%1”，应为“Config”</translation>
    </message>
    <message>
        <source>apiVersion is &quot;%1&quot;, expected &quot;v1&quot;</source>
        <translation>apiVersion 为“%1”，应为“v1”</translation>
    </message>
    <message>
        <source>cannot read the kubeconfig file: %1</source>
        <translation>无法读取 kubeconfig 文件：%1</translation>
    </message>
    <message>
        <source>cannot lock the kubeconfig file: %1 (%2). Another kubectl or MeshDesk may be writing it; if not, remove the lock file.</source>
        <translation>无法锁定 kubeconfig 文件：%1（%2）。可能有其他 kubectl 或 MeshDesk 正在写入；如果没有，请删除锁文件。</translation>
    </message>
    <message>
        <source>cannot write the kubeconfig file: %1</source>
        <translation>无法写入 kubeconfig 文件：%1</translation>
    </message>
    <message>
        <source>no config found to write context</source>
        <translation>找不到可写入上下文的配置</translation>
    </message>
    <message>
        <source>user &quot;%1&quot; is no longer in the kubeconfig</source>
        <translation>用户“%1”已不在 kubeconfig 中</translation>
    </message>
    <message>
        <source>invalid configuration: %1</source>
        <translation>配置无效：%1</translation>
    </message>
    <message>
        <source>cluster %1 has no server defined</source>
        <translation>集群 %1 未定义 server</translation>
    </message>
    <message>
        <source>no server found for cluster %1</source>
        <translation>找不到集群 %1 的 server</translation>
    </message>
    <message>
        <source>invalid &apos;proxy-url&apos; %1 for cluster %2: could not parse it</source>
        <translation>集群 %2 的“proxy-url” %1 无效：无法解析</translation>
    </message>
    <message>
        <source>invalid &apos;proxy-url&apos; %1 for cluster %2: unsupported scheme %3, must be http, https, or socks5</source>
        <translation>集群 %2 的“proxy-url” %1 无效：不支持的协议 %3，必须是 http、https 或 socks5</translation>
    </message>
    <message>
        <source>certificate-authority-data and certificate-authority are both specified for %1. certificate-authority-data will override.</source>
        <translation>%1 同时指定了 certificate-authority-data 和 certificate-authority。将以 certificate-authority-data 为准。</translation>
    </message>
    <message>
        <source>unable to read certificate-authority %1 for %2 due to %3</source>
        <translation>无法读取 %2 的 certificate-authority %1：%3</translation>
    </message>
    <message>
        <source>client-cert-data and client-cert are both specified for %1. client-cert-data will override.</source>
        <translation>%1 同时指定了 client-cert-data 和 client-cert。将以 client-cert-data 为准。</translation>
    </message>
    <message>
        <source>client-key-data and client-key are both specified for %1; client-key-data will override</source>
        <translation>%1 同时指定了 client-key-data 和 client-key；将以 client-key-data 为准</translation>
    </message>
    <message>
        <source>client-key-data or client-key must be specified for %1 to use the clientCert authentication method.</source>
        <translation>%1 要使用客户端证书认证，必须指定 client-key-data 或 client-key。</translation>
    </message>
    <message>
        <source>unable to read client-cert %1 for %2 due to %3</source>
        <translation>无法读取 %2 的 client-cert %1：%3</translation>
    </message>
    <message>
        <source>unable to read client-key %1 for %2 due to %3</source>
        <translation>无法读取 %2 的 client-key %1：%3</translation>
    </message>
    <message>
        <source>authProvider cannot be provided in combination with an exec plugin for %1</source>
        <translation>%1 不能同时使用 authProvider 和 exec 插件</translation>
    </message>
    <message>
        <source>command must be specified for %1 to use exec authentication plugin</source>
        <translation>%1 要使用 exec 认证插件，必须指定 command</translation>
    </message>
    <message>
        <source>apiVersion must be specified for %1 to use exec authentication plugin</source>
        <translation>%1 要使用 exec 认证插件，必须指定 apiVersion</translation>
    </message>
    <message>
        <source>env variable name must be specified for %1 to use exec authentication plugin</source>
        <translation>%1 要使用 exec 认证插件，必须指定环境变量名</translation>
    </message>
    <message>
        <source>interactiveMode must be specified for %1 to use exec authentication plugin</source>
        <translation>%1 要使用 exec 认证插件，必须指定 interactiveMode</translation>
    </message>
    <message>
        <source>invalid interactiveMode for %1: %2</source>
        <translation>%1 的 interactiveMode 无效：%2</translation>
    </message>
    <message>
        <source>more than one authentication method found for %1; found [%2], only one is allowed</source>
        <translation>%1 配置了多种认证方式：[%2]，只允许一种</translation>
    </message>
    <message>
        <source>requesting uid, groups or user-extra for %1 without impersonating a user</source>
        <translation>%1 在未模拟用户的情况下请求了 uid、groups 或 user-extra</translation>
    </message>
    <message>
        <source>user %1: cannot read tokenFile %2: %3</source>
        <translation>用户 %1：无法读取 tokenFile %2：%3</translation>
    </message>
    <message>
        <source>user %1: exec plugin: invalid apiVersion %2 (use %3 or %4)</source>
        <translation>用户 %1：exec 插件：apiVersion %2 无效（请使用 %3 或 %4）</translation>
    </message>
    <message>
        <source>cluster %1: failed to load CA bundle for the exec plugin: %2</source>
        <translation>集群 %1：无法为 exec 插件加载 CA 证书包：%2</translation>
    </message>
    <message>
        <source>no configuration has been provided: no kubeconfig file defines a cluster</source>
        <translation>未提供配置：没有任何 kubeconfig 文件定义集群</translation>
    </message>
    <message>
        <source>no context chosen: the kubeconfig has no current-context; choose a context</source>
        <translation>未选择上下文：kubeconfig 没有 current-context；请选择一个上下文</translation>
    </message>
    <message>
        <source>context was not found for specified context: %1</source>
        <translation>找不到指定的上下文：%1</translation>
    </message>
    <message>
        <source>context %1 does not exist</source>
        <translation>上下文 %1 不存在</translation>
    </message>
    <message>
        <source>cluster was not specified for context %1</source>
        <translation>上下文 %1 未指定集群</translation>
    </message>
    <message>
        <source>cluster %1 does not exist</source>
        <translation>集群 %1 不存在</translation>
    </message>
    <message>
        <source>cluster %1 was not found for context %2</source>
        <translation>找不到上下文 %2 的集群 %1</translation>
    </message>
    <message>
        <source>auth info %1 does not exist</source>
        <translation>认证信息 %1 不存在</translation>
    </message>
    <message>
        <source>user %1 of context %2 is not defined: connecting without credentials</source>
        <translation>上下文 %2 的用户 %1 未定义：将不带凭据连接</translation>
    </message>
    <message>
        <source>cluster %1: server %2 is not a valid URL or host:port</source>
        <translation>集群 %1：server %2 不是有效的 URL 或 host:port</translation>
    </message>
    <message>
        <source>cluster %1: specifying a root certificates file with the insecure flag is not allowed</source>
        <translation>集群 %1：不允许在设置 insecure 标志的同时指定根证书文件</translation>
    </message>
    <message>
        <source>TLS certificate verification is disabled for cluster %1 (insecure-skip-tls-verify): the connection is not secure</source>
        <translation>集群 %1 已禁用 TLS 证书校验（insecure-skip-tls-verify）：连接不安全</translation>
    </message>
    <message>
        <source>server %1 is not https: the credentials of user %2 are not sent</source>
        <translation>服务器 %1 不是 https：不会发送用户 %2 的凭据</translation>
    </message>
    <message>
        <source>cannot read %1 &quot;%2&quot;: %3</source>
        <translation>无法读取 %1“%2”：%3</translation>
    </message>
    <message>
        <source>the client certificate is not a PEM certificate</source>
        <translation>客户端证书不是 PEM 证书</translation>
    </message>
    <message>
        <source>the client key is not a PEM private key (RSA, EC or DSA)</source>
        <translation>客户端密钥不是 PEM 私钥（RSA、EC 或 DSA）</translation>
    </message>
    <message>
        <source>certificate-authority</source>
        <translation>certificate-authority</translation>
    </message>
    <message>
        <source>the certificate authority holds no PEM certificate</source>
        <translation>证书颁发机构中没有 PEM 证书</translation>
    </message>
    <message>
        <source>client-certificate</source>
        <translation>client-certificate</translation>
    </message>
    <message>
        <source>client-key</source>
        <translation>client-key</translation>
    </message>
    <message>
        <source>cannot read the token file: %1</source>
        <translation>无法读取令牌文件：%1</translation>
    </message>
    <message>
        <source>the token file is empty</source>
        <translation>令牌文件为空</translation>
    </message>
    <message>
        <source>watch event %1 is larger than %2 MiB</source>
        <translation>watch 事件 %1 超过 %2 MiB</translation>
    </message>
    <message>
        <source>watch stream ended inside event %1</source>
        <translation>watch 流在事件 %1 中途结束</translation>
    </message>
    <message>
        <source>oidc: the token refresh was cancelled</source>
        <translation>oidc：令牌刷新已取消</translation>
    </message>
    <message>
        <source>oidc: could not write the new tokens back to the kubeconfig: %1</source>
        <translation>oidc：无法将新令牌写回 kubeconfig：%1</translation>
    </message>
    <message>
        <source>malformed JSON object: %1</source>
        <translation>JSON 对象格式错误：%1</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <source>malformed list at offset %1: %2</source>
        <translation>列表在偏移 %1 处格式错误：%2</translation>
    </message>
    <message>
        <source>malformed list: %1</source>
        <translation>列表格式错误：%1</translation>
    </message>
    <message>
        <source>item %1: %2</source>
        <translation>第 %1 项：%2</translation>
    </message>
    <message>
        <source>malformed JSON: %1</source>
        <translation>JSON 格式错误：%1</translation>
    </message>
    <message>
        <source>no object</source>
        <translation>缺少 object</translation>
    </message>
    <message>
        <source>no type</source>
        <translation>缺少 type</translation>
    </message>
    <message>
        <source>unknown type &quot;%1&quot;</source>
        <translation>未知类型“%1”</translation>
    </message>
    <message>
        <source>oidc: failed to query the identity provider&apos;s metadata %1: HTTP %2 %3</source>
        <translation>oidc：查询身份提供者的元数据 %1 失败：HTTP %2 %3</translation>
    </message>
    <message>
        <source>oidc: cannot decode the identity provider&apos;s discovery document %1: %2</source>
        <translation>oidc：无法解析身份提供者的发现文档 %1：%2</translation>
    </message>
    <message>
        <source>oidc: the discovery document %1 has no token_endpoint</source>
        <translation>oidc：发现文档 %1 中没有 token_endpoint</translation>
    </message>
    <message>
        <source>oidc: the discovery document %1 has an invalid token_endpoint %2</source>
        <translation>oidc：发现文档 %1 中的 token_endpoint %2 无效</translation>
    </message>
    <message>
        <source>the identity provider answered HTTP %1 with %2</source>
        <translation>身份提供者返回 HTTP %1：%2</translation>
    </message>
    <message>
        <source>the refresh token is no longer valid (revoked, expired or already used): log in again with your identity provider&apos;s tool</source>
        <translation>refresh token 已失效（已吊销、已过期或已被使用）：请使用身份提供者的工具重新登录</translation>
    </message>
    <message>
        <source>the token endpoint answered HTTP %1</source>
        <translation>令牌端点返回 HTTP %1</translation>
    </message>
    <message>
        <source>oidc: failed to refresh the token: %1</source>
        <translation>oidc：刷新令牌失败：%1</translation>
    </message>
    <message>
        <source>oidc: cannot parse the token endpoint&apos;s answer: %1</source>
        <translation>oidc：无法解析令牌端点的响应：%1</translation>
    </message>
    <message>
        <source>oidc: the token endpoint&apos;s answer has no access_token</source>
        <translation>oidc：令牌端点的响应中没有 access_token</translation>
    </message>
    <message>
        <source>oidc: the token endpoint&apos;s answer has no id_token: either the scope &quot;openid&quot; was not requested at login, or the identity provider does not return id-tokens when refreshing</source>
        <translation>oidc：令牌端点的响应中没有 id_token：可能登录时未请求 “openid” 范围，或身份提供者在刷新时不返回 id-token</translation>
    </message>
    <message>
        <source>oidc: idp-issuer-url %1 is not a valid URL</source>
        <translation>oidc：idp-issuer-url %1 不是有效的 URL</translation>
    </message>
    <message>
        <source>oidc: idp-certificate-authority-data is not valid base64</source>
        <translation>oidc：idp-certificate-authority-data 不是有效的 base64</translation>
    </message>
    <message>
        <source>oidc: idp-certificate-authority: %1</source>
        <translation>oidc：idp-certificate-authority：%1</translation>
    </message>
    <message>
        <source>oidc: cannot reach the token endpoint %1: %2</source>
        <translation>oidc：无法连接令牌端点 %1：%2</translation>
    </message>
    <message>
        <source>oidc: cannot reach the identity provider at %1: %2</source>
        <translation>oidc：无法连接位于 %1 的身份提供者：%2</translation>
    </message>
    <message>
        <source>watch event %1: %2</source>
        <translation>监视事件 %1：%2</translation>
    </message>
</context>
<context>
    <name>md::mesh</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>read and write</source>
        <translation>可读写</translation>
    </message>
    <message>
        <source>read only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Kubernetes</source>
        <translation>Kubernetes</translation>
    </message>
    <message>
        <source>Istio</source>
        <translation>Istio</translation>
    </message>
    <message>
        <source>Mesh ID</source>
        <translation>网格 ID</translation>
    </message>
    <message>
        <source>Istio resources</source>
        <translation>Istio 资源</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>API server</source>
        <translation>API 服务器</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>无法访问</translation>
    </message>
    <message>
        <source>Unauthorized</source>
        <translation>未授权</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>%1 mesh, control plane %2, %3 cluster(s)</source>
        <translation>%1网格，控制面 %2，共 %3 个集群</translation>
    </message>
    <message>
        <source>Hosted</source>
        <translation>托管</translation>
    </message>
    <message>
        <source>Dedicated</source>
        <translation>专属</translation>
    </message>
    <message>
        <source>External</source>
        <translation>外接</translation>
    </message>
    <message>
        <source>a mesh needs a name</source>
        <translation>网格需要名称</translation>
    </message>
    <message>
        <source>the name is longer than 100 characters</source>
        <translation>名称超过 100 个字符</translation>
    </message>
    <message>
        <source>choose the control-plane cluster</source>
        <translation>请选择控制面集群</translation>
    </message>
    <message>
        <source>%1 is the control plane; it cannot also be a member</source>
        <translation>%1 是控制面集群，不能同时作为成员集群</translation>
    </message>
    <message>
        <source>a cluster is listed twice</source>
        <translation>有集群被列出了两次</translation>
    </message>
    <message>
        <source>a dedicated mesh has one cluster; make it hosted to add members</source>
        <translation>专属网格只有一个集群；如需添加成员集群，请改为托管网格</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid namespace name</source>
        <translation>“%1”不是有效的命名空间名称</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http(s) URL</source>
        <translation>“%1”不是 http(s) URL</translation>
    </message>
    <message>
        <source>there is no mesh named &quot;%1&quot;</source>
        <translation>不存在名为“%1”的网格</translation>
    </message>
    <message>
        <source>Some clusters of mesh %1 cannot connect: %2</source>
        <translation>网格 %1 中部分集群无法连接：%2</translation>
    </message>
    <message>
        <source>Qt&apos;s SQLite driver is missing (Debian package libqt6sql6-sqlite)</source>
        <translation>缺少 Qt 的 SQLite 驱动（Debian 软件包 libqt6sql6-sqlite）</translation>
    </message>
    <message>
        <source>cannot create the folder of %1</source>
        <translation>无法创建 %1 所在的文件夹</translation>
    </message>
    <message>
        <source>cannot open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>enabling foreign keys</source>
        <translation>启用外键</translation>
    </message>
    <message>
        <source>reading the schema version</source>
        <translation>读取数据库结构版本</translation>
    </message>
    <message>
        <source>%1 was written by a newer MeshDesk (schema %2, this one knows %3)</source>
        <translation>%1 由更新版本的 MeshDesk 写入（结构版本 %2，当前版本只支持 %3）</translation>
    </message>
    <message>
        <source>creating the schema</source>
        <translation>创建数据库结构</translation>
    </message>
    <message>
        <source>reading meshes</source>
        <translation>读取网格</translation>
    </message>
    <message>
        <source>reading the clusters of %1</source>
        <translation>读取 %1 的集群</translation>
    </message>
    <message>
        <source>saving mesh %1</source>
        <translation>保存网格 %1</translation>
    </message>
    <message>
        <source>saving the clusters of %1</source>
        <translation>保存 %1 的集群</translation>
    </message>
    <message>
        <source>renaming mesh %1</source>
        <translation>重命名网格 %1</translation>
    </message>
    <message>
        <source>removing mesh %1</source>
        <translation>删除网格 %1</translation>
    </message>
    <message>
        <source>a CA file is for an https Prometheus URL</source>
        <translation>CA 文件仅适用于 https 的 Prometheus URL</translation>
    </message>
    <message>
        <source>%1 is not a readable file</source>
        <translation>%1 不是可读取的文件</translation>
    </message>
    <message>
        <source>MeshDesk keeps no secrets in this session (no keychain is set up)</source>
        <translation>MeshDesk 在此会话中不保存机密（未设置钥匙串）</translation>
    </message>
    <message>
        <source>Mesh %1 is removed, but the keychain still holds its secrets: %2</source>
        <translation>网格 %1 已删除，但钥匙串中仍保留其机密：%2</translation>
    </message>
    <message>
        <source>there is a mesh named &quot;%1&quot; already</source>
        <translation>已存在名为“%1”的网格</translation>
    </message>
    <message>
        <source>Mesh %1 is saved, but the keychain did not take its Prometheus token: %2</source>
        <translation>网格 %1 已保存，但钥匙串未能保存其 Prometheus 令牌：%2</translation>
    </message>
    <message>
        <source>%1: no keychain is available (%2). MeshDesk keeps tokens and passwords only in the system keychain: start and unlock GNOME Keyring or KWallet in your desktop session; without a desktop, start &quot;gnome-keyring-daemon --unlock --components=secrets&quot; inside dbus-run-session and run MeshDesk there.</source>
        <translation>%1：没有可用的钥匙串（%2）。MeshDesk 只把令牌和密码保存在系统钥匙串中：请在桌面会话中启动并解锁 GNOME Keyring 或 KWallet；没有桌面时，请在 dbus-run-session 中启动“gnome-keyring-daemon --unlock --components=secrets”，并在其中运行 MeshDesk。</translation>
    </message>
    <message>
        <source>%1: the keychain refused access (%2). Unlock your keyring and try again.</source>
        <translation>%1：钥匙串拒绝访问（%2）。请解锁您的密钥环后重试。</translation>
    </message>
    <message>
        <source>a secret needs a key</source>
        <translation>机密需要一个键</translation>
    </message>
    <message>
        <source>Cannot read %1 from the keychain</source>
        <translation>无法从钥匙串读取 %1</translation>
    </message>
    <message>
        <source>Cannot store %1 in the keychain</source>
        <translation>无法将 %1 保存到钥匙串</translation>
    </message>
    <message>
        <source>Cannot remove %1 from the keychain</source>
        <translation>无法从钥匙串删除 %1</translation>
    </message>
    <message>
        <source>saving a draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>reading a draft</source>
        <translation>读取草稿</translation>
    </message>
    <message>
        <source>no draft of %1 %2/%3</source>
        <translation>没有 %1 %2/%3 的草稿</translation>
    </message>
    <message>
        <source>reading the drafts</source>
        <translation>读取草稿列表</translation>
    </message>
    <message>
        <source>removing a draft</source>
        <translation>删除草稿</translation>
    </message>
    <message>
        <source>removing the drafts</source>
        <translation>删除草稿列表</translation>
    </message>
    <message>
        <source>reading the apply target</source>
        <translation>读取应用目标</translation>
    </message>
    <message>
        <source>saving the apply target</source>
        <translation>保存应用目标</translation>
    </message>
    <message>
        <source>recording a journal entry</source>
        <translation>记录日志条目</translation>
    </message>
    <message>
        <source>reading the journal</source>
        <translation>读取日志</translation>
    </message>
    <message>
        <source>no journal entry %1</source>
        <translation>没有日志条目 %1</translation>
    </message>
    <message>
        <source>clearing the journal</source>
        <translation>清空日志</translation>
    </message>
    <message>
        <source>%1 was written by a newer MeshDesk (%2 schema %3, this one knows %4)</source>
        <translation>%1 由更新版本的 MeshDesk 写入（%2 结构版本 %3，本版本仅支持 %4）</translation>
    </message>
</context>
<context>
    <name>md::schema</name>
    <message>
        <source>(unnamed)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <source>CustomResourceDefinition &quot;%1&quot;: %2</source>
        <translation>CustomResourceDefinition“%1”：%2</translation>
    </message>
    <message>
        <source>kind is not CustomResourceDefinition</source>
        <translation>kind 不是 CustomResourceDefinition</translation>
    </message>
    <message>
        <source>unsupported apiVersion &quot;%1&quot;</source>
        <translation>不支持的 apiVersion“%1”</translation>
    </message>
    <message>
        <source>metadata.name: Required value</source>
        <translation>metadata.name：必填</translation>
    </message>
    <message>
        <source>spec.group: Required value</source>
        <translation>spec.group：必填</translation>
    </message>
    <message>
        <source>spec.names.kind: Required value</source>
        <translation>spec.names.kind：必填</translation>
    </message>
    <message>
        <source>spec.names.plural: Required value</source>
        <translation>spec.names.plural：必填</translation>
    </message>
    <message>
        <source>spec.versions: Required value</source>
        <translation>spec.versions：必填</translation>
    </message>
    <message>
        <source>spec.versions[%1].name: Required value</source>
        <translation>spec.versions[%1].name：必填</translation>
    </message>
    <message>
        <source>version %1: %2</source>
        <translation>版本 %1：%2</translation>
    </message>
    <message>
        <source>document %1</source>
        <translation>文档 %1</translation>
    </message>
    <message>
        <source>%1: document %2, line %3</source>
        <translation>%1：文档 %2，第 %3 行</translation>
    </message>
    <message>
        <source>cannot read file: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <source>must be a non-negative integer</source>
        <translation>必须是非负整数</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>必须是数字</translation>
    </message>
    <message>
        <source>must be a schema object</source>
        <translation>必须是 schema 对象</translation>
    </message>
    <message>
        <source>must be a list of schemas</source>
        <translation>必须是 schema 列表</translation>
    </message>
    <message>
        <source>unknown type &quot;%1&quot;</source>
        <translation>未知类型“%1”</translation>
    </message>
    <message>
        <source>must be a single schema object</source>
        <translation>必须是单个 schema 对象</translation>
    </message>
    <message>
        <source>Invalid value: &quot;%1&quot;: %2 must be of type %3</source>
        <translation>无效值：“%1”：%2 的类型必须是 %3</translation>
    </message>
    <message>
        <source>Unsupported value: %1: supported values: %2</source>
        <translation>不支持的值：%1：支持的值：%2</translation>
    </message>
    <message>
        <source>Invalid value: %1: %2 should be at least %3 chars long</source>
        <translation>无效值：%1：%2 至少应有 %3 个字符</translation>
    </message>
    <message>
        <source>Too long: may not be longer than %1</source>
        <translation>过长：不能超过 %1</translation>
    </message>
    <message>
        <source>Invalid value: %1: %2 should match &apos;%3&apos;</source>
        <translation>无效值：%1：%2 应匹配“%3”</translation>
    </message>
    <message>
        <source>Invalid value: %1: %2 must be of type %3: %1</source>
        <translation>无效值：%1：%2 的类型必须是 %3：%1</translation>
    </message>
    <message>
        <source>Invalid value: %1: %2 should be greater than %3</source>
        <translation>无效值：%1：%2 应大于 %3</translation>
    </message>
    <message>
        <source>Invalid value: %1: %2 should be greater than or equal to %3</source>
        <translation>无效值：%1：%2 应大于或等于 %3</translation>
    </message>
    <message>
        <source>Invalid value: %1: %2 should be less than %3</source>
        <translation>无效值：%1：%2 应小于 %3</translation>
    </message>
    <message>
        <source>Invalid value: %1: %2 should be less than or equal to %3</source>
        <translation>无效值：%1：%2 应小于或等于 %3</translation>
    </message>
    <message>
        <source>Invalid value: %1: %2 must be of type %3</source>
        <translation>无效值：%1：%2 的类型必须是 %3</translation>
    </message>
    <message>
        <source>Required value</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Too many: %1: must have at most %2 items</source>
        <translation>过多：%1：最多只能有 %2 项</translation>
    </message>
    <message>
        <source>Invalid value: %1: %2 should have at least %3 properties</source>
        <translation>无效值：%1：%2 至少应有 %3 个属性</translation>
    </message>
    <message>
        <source>unknown field &quot;%1&quot;</source>
        <translation>未知字段“%1”</translation>
    </message>
    <message>
        <source>Duplicate value: %1</source>
        <translation>重复的值：%1</translation>
    </message>
    <message>
        <source>Invalid value: %1: %2 should have at least %3 items</source>
        <translation>无效值：%1：%2 至少应有 %3 项</translation>
    </message>
    <message>
        <source>Invalid value: &quot;%1&quot;: %2 must validate at least one schema (anyOf)</source>
        <translation>无效值：“%1”：%2 必须至少满足一个 schema（anyOf）</translation>
    </message>
    <message>
        <source>Invalid value: &quot;%1&quot;: %2 must validate one and only one schema (oneOf). Found %3 valid alternatives</source>
        <translation>无效值：“%1”：%2 必须恰好满足一个 schema（oneOf）。找到 %3 个满足的选项</translation>
    </message>
    <message>
        <source> (only one of %1 may be set)</source>
        <translation>（%1 中只能设置一个）</translation>
    </message>
    <message>
        <source>Invalid value: &quot;%1&quot;: %2 must not validate the schema (not)</source>
        <translation>无效值：“%1”：%2 不得满足该 schema（not）</translation>
    </message>
    <message>
        <source>alias refers to a node that contains it</source>
        <translation>别名引用了包含它的节点</translation>
    </message>
    <message>
        <source>aliases expand to more than %1 nodes</source>
        <translation>别名展开后超过 %1 个节点</translation>
    </message>
    <message>
        <source>a merge key (&lt;&lt;) takes a mapping or a list of mappings</source>
        <translation>合并键（&lt;&lt;）只接受映射或映射列表</translation>
    </message>
    <message>
        <source>mapping keys must be scalars</source>
        <translation>映射的键必须是标量</translation>
    </message>
    <message>
        <source>duplicate key &quot;%1&quot;</source>
        <translation>重复的键“%1”</translation>
    </message>
    <message>
        <source>, line %1, column %2</source>
        <translation>，第 %1 行，第 %2 列</translation>
    </message>
    <message>
        <source>not enough memory to read the text</source>
        <translation>内存不足，无法读取文本</translation>
    </message>
    <message>
        <source>control character U+%1 is not allowed (write it as an escape such as &quot;\x01&quot; in a double-quoted string)</source>
        <translation>不允许使用控制字符 U+%1（请在双引号字符串中写成转义形式，例如“\x01”）</translation>
    </message>
    <message>
        <source>the text is too long</source>
        <translation>文本过长</translation>
    </message>
    <message>
        <source>the text is not valid UTF-16</source>
        <translation>文本不是有效的 UTF-16</translation>
    </message>
    <message>
        <source>the text is not valid UTF-8</source>
        <translation>文本不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>YAML syntax error: %1</source>
        <translation>YAML 语法错误：%1</translation>
    </message>
    <message>
        <source>a tab cannot indent YAML: use spaces</source>
        <translation>YAML 不能用制表符缩进：请使用空格</translation>
    </message>
    <message>
        <source>a value cannot start with this character: quote the value</source>
        <translation>值不能以此字符开头：请给值加引号</translation>
    </message>
    <message>
        <source>a value cannot start with &quot;%1&quot;: quote the value</source>
        <translation>值不能以“%1”开头：请给值加引号</translation>
    </message>
    <message>
        <source>expected &quot;:&quot; after the key at line %1, column %2 (a key must fit on one line and in 1024 characters)</source>
        <translation>第 %1 行第 %2 列的键之后应为“:”（键必须写在一行内，且不超过 1024 个字符）</translation>
    </message>
    <message>
        <source>a list item (&quot;- &quot;) is not allowed here: check the indentation</source>
        <translation>此处不允许列表项（“- ”）：请检查缩进</translation>
    </message>
    <message>
        <source>a complex key (&quot;? &quot;) is not allowed here: check the indentation</source>
        <translation>此处不允许复杂键（“? ”）：请检查缩进</translation>
    </message>
    <message>
        <source>&quot;: &quot; is not allowed here: quote a value that contains &quot;: &quot;, or check the indentation</source>
        <translation>此处不允许“: ”：包含“: ”的值请加引号，或检查缩进</translation>
    </message>
    <message>
        <source>unexpected &quot;:&quot; in a plain value: quote the value</source>
        <translation>无引号的值中出现意外的“:”：请给值加引号</translation>
    </message>
    <message>
        <source>the quoted string that starts at line %1, column %2 is not closed</source>
        <translation>从第 %1 行第 %2 列开始的带引号字符串没有结束</translation>
    </message>
    <message>
        <source>the quoted string that starts at line %1, column %2 contains a document marker (&quot;---&quot; or &quot;...&quot;)</source>
        <translation>从第 %1 行第 %2 列开始的带引号字符串中包含文档标记（“---”或“...”）</translation>
    </message>
    <message>
        <source>unknown escape sequence in a double-quoted string</source>
        <translation>双引号字符串中有未知的转义序列</translation>
    </message>
    <message>
        <source>invalid hexadecimal escape in a double-quoted string</source>
        <translation>双引号字符串中有无效的十六进制转义</translation>
    </message>
    <message>
        <source>invalid Unicode escape in a double-quoted string (a lone surrogate or beyond U+10FFFF; write characters beyond U+FFFF as &quot;\U0001F600&quot;)</source>
        <translation>双引号字符串中有无效的 Unicode 转义（单独的代理项或超出 U+10FFFF；U+FFFF 以上的字符请写成“\U0001F600”的形式）</translation>
    </message>
    <message>
        <source>the indentation indicator of a block scalar cannot be 0</source>
        <translation>块标量的缩进指示符不能为 0</translation>
    </message>
    <message>
        <source>unexpected text after the block scalar indicator (&quot;|&quot; or &quot;&gt;&quot;)</source>
        <translation>块标量指示符（“|”或“&gt;”）之后有意外的文本</translation>
    </message>
    <message>
        <source>an anchor (&quot;&amp;&quot;) needs a name of letters, digits, &quot;-&quot; or &quot;_&quot;</source>
        <translation>锚点（“&amp;”）需要由字母、数字、“-”或“_”组成的名称</translation>
    </message>
    <message>
        <source>an alias (&quot;*&quot;) needs a name of letters, digits, &quot;-&quot; or &quot;_&quot;</source>
        <translation>别名（“*”）需要由字母、数字、“-”或“_”组成的名称</translation>
    </message>
    <message>
        <source>invalid tag</source>
        <translation>无效的标签</translation>
    </message>
    <message>
        <source>invalid %YAML directive: expected a version such as 1.2</source>
        <translation>无效的 %YAML 指令：应为版本号，例如 1.2</translation>
    </message>
    <message>
        <source>invalid %TAG directive</source>
        <translation>无效的 %TAG 指令</translation>
    </message>
    <message>
        <source>a line that starts with &quot;%&quot; is a directive, and directives go in front of &quot;---&quot;</source>
        <translation>以“%”开头的行是指令，指令必须写在“---”之前</translation>
    </message>
    <message>
        <source>expected a key at the indentation of the mapping that starts at line %1, column %2</source>
        <translation>此处应为一个键，其缩进应与从第 %1 行第 %2 列开始的映射一致</translation>
    </message>
    <message>
        <source>expected a list item (&quot;- &quot;) at the indentation of the list that starts at line %1, column %2</source>
        <translation>此处应为列表项（“- ”），其缩进应与从第 %1 行第 %2 列开始的列表一致</translation>
    </message>
    <message>
        <source>expected &quot;,&quot; or &quot;]&quot; in the list that starts at line %1, column %2</source>
        <translation>从第 %1 行第 %2 列开始的列表中此处应为“,”或“]”</translation>
    </message>
    <message>
        <source>expected &quot;,&quot; or &quot;}&quot; in the mapping that starts at line %1, column %2</source>
        <translation>从第 %1 行第 %2 列开始的映射中此处应为“,”或“}”</translation>
    </message>
    <message>
        <source>expected a value</source>
        <translation>此处应为一个值</translation>
    </message>
    <message>
        <source>expected &quot;---&quot; before the next document</source>
        <translation>下一个文档之前应有“---”</translation>
    </message>
    <message>
        <source>undefined tag handle (declare it with a %TAG directive)</source>
        <translation>未定义的标签句柄（请用 %TAG 指令声明）</translation>
    </message>
    <message>
        <source>duplicate %YAML directive</source>
        <translation>重复的 %YAML 指令</translation>
    </message>
    <message>
        <source>duplicate %TAG directive</source>
        <translation>重复的 %TAG 指令</translation>
    </message>
    <message>
        <source>unsupported YAML version (YAML 1.x can be read)</source>
        <translation>不支持的 YAML 版本（可以读取 YAML 1.x）</translation>
    </message>
    <message>
        <source>mappings and lists nest deeper than %1 levels</source>
        <translation>映射和列表的嵌套超过 %1 层</translation>
    </message>
    <message>
        <source>undefined alias &quot;*%1&quot;</source>
        <translation>未定义的别名“*%1”</translation>
    </message>
</context>
<context>
    <name>md::telemetry</name>
    <message>
        <source>cannot read a PEM certificate from the CA file %1</source>
        <translation>无法从 CA 文件 %1 读取 PEM 证书</translation>
    </message>
    <message>
        <source>the query was superseded or canceled</source>
        <translation>查询已被更新的查询取代或已取消</translation>
    </message>
    <message>
        <source>invalid Prometheus URL &quot;%1&quot;</source>
        <translation>无效的 Prometheus URL“%1”</translation>
    </message>
    <message>
        <source>no answer from %1 within %2 s</source>
        <translation>%1 在 %2 秒内没有应答</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>unexpected answer at %1: %2</source>
        <translation>意外的应答（位于 %1）：%2</translation>
    </message>
    <message>
        <source>HTTP status %1</source>
        <translation>HTTP 状态 %1</translation>
    </message>
    <message>
        <source>HTTP status %1: %2</source>
        <translation>HTTP 状态 %1：%2</translation>
    </message>
    <message>
        <source>malformed JSON in the answer: %1</source>
        <translation>应答中的 JSON 格式错误：%1</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>不是对象</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Prometheus answered status &quot;%1&quot; (HTTP %2)</source>
        <translation>Prometheus 应答状态为“%1”（HTTP %2）</translation>
    </message>
    <message>
        <source>not a [time, value] pair</source>
        <translation>不是 [时间, 值] 对</translation>
    </message>
    <message>
        <source>not a string</source>
        <translation>不是字符串</translation>
    </message>
    <message>
        <source>not a [time, &quot;value&quot;] pair</source>
        <translation>不是 [时间, &quot;值&quot;] 对</translation>
    </message>
    <message>
        <source>unknown type &quot;%1&quot;</source>
        <translation>未知类型“%1”</translation>
    </message>
    <message>
        <source>not an array</source>
        <translation>不是数组</translation>
    </message>
    <message numerus="yes">
        <source>%n series without usable source or destination labels skipped</source>
        <translation>
            <numerusform>已跳过 %n 个缺少可用源或目标标签的序列</numerusform>
        </translation>
    </message>
    <message>
        <source>5xx responses</source>
        <translation>5xx 响应</translation>
    </message>
    <message>
        <source>4xx responses</source>
        <translation>4xx 响应</translation>
    </message>
    <message>
        <source>requests without response</source>
        <translation>无响应的请求</translation>
    </message>
    <message>
        <source>gRPC errors</source>
        <translation>gRPC 错误</translation>
    </message>
    <message>
        <source>responses matching %1</source>
        <translation>匹配 %1 的响应</translation>
    </message>
    <message>
        <source>degraded from %1 %, failure from %2 %</source>
        <translation>%1 % 起为降级，%2 % 起为故障</translation>
    </message>
    <message>
        <source>%1: %2 % of the requests (%3)</source>
        <translation>%1：占请求的 %2 %（%3）</translation>
    </message>
    <message>
        <source>%1 (%2): %3 % of the requests (%4)</source>
        <translation>%1（%2）：占请求的 %3 %（%4）</translation>
    </message>
    <message>
        <source>inbound</source>
        <translation>入站</translation>
    </message>
    <message>
        <source>outbound</source>
        <translation>出站</translation>
    </message>
    <message>
        <source>no Prometheus client</source>
        <translation>没有 Prometheus 客户端</translation>
    </message>
    <message>
        <source>Prometheus query failed: %1</source>
        <translation>Prometheus 查询失败：%1</translation>
    </message>
    <message>
        <source>query: %1</source>
        <translation>查询：%1</translation>
    </message>
</context>
<context>
    <name>md::telemetry::Metrics</name>
    <message>
        <source>%1 (average)</source>
        <translation>%1（平均）</translation>
    </message>
    <message>
        <source>%1 (P%2)</source>
        <translation>%1（P%2）</translation>
    </message>
    <message>
        <source>Request volume</source>
        <translation>请求量</translation>
    </message>
    <message>
        <source>Success rate (non-5xx)</source>
        <translation>成功率（非 5xx）</translation>
    </message>
    <message>
        <source>4xx responses</source>
        <translation>4xx 响应</translation>
    </message>
    <message>
        <source>5xx responses</source>
        <translation>5xx 响应</translation>
    </message>
    <message>
        <source>Request duration</source>
        <translation>请求耗时</translation>
    </message>
    <message>
        <source>Request size</source>
        <translation>请求大小</translation>
    </message>
    <message>
        <source>Response size</source>
        <translation>响应大小</translation>
    </message>
    <message>
        <source>TCP bytes sent</source>
        <translation>TCP 发送字节</translation>
    </message>
    <message>
        <source>TCP bytes received</source>
        <translation>TCP 接收字节</translation>
    </message>
    <message>
        <source>TCP connections opened</source>
        <translation>TCP 打开的连接</translation>
    </message>
    <message>
        <source>TCP connections closed</source>
        <translation>TCP 关闭的连接</translation>
    </message>
    <message>
        <source>req/s</source>
        <translation>请求/秒</translation>
    </message>
    <message>
        <source>ratio</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>B</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>B/s</source>
        <translation>字节/秒</translation>
    </message>
    <message>
        <source>conn/s</source>
        <translation>连接/秒</translation>
    </message>
</context>
<context>
    <name>md::ui::AboutDialog</name>
    <message>
        <source>About MeshDesk</source>
        <translation>关于 MeshDesk</translation>
    </message>
    <message>
        <source>&lt;h2&gt;MeshDesk %1&lt;/h2&gt;&lt;p&gt;A native desktop console for Istio service meshes across several Kubernetes clusters.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;MeshDesk %1&lt;/h2&gt;&lt;p&gt;面向跨多个 Kubernetes 集群的 Istio 服务网格的原生桌面控制台。&lt;/p&gt;&lt;p&gt;基于 Qt %2 构建。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>md::ui::AddClusterDialog</name>
    <message>
        <source>Add Clusters</source>
        <translation>添加集群</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Context %1: cluster %2, user %3</source>
        <translation>上下文 %1：集群 %2，用户 %3</translation>
    </message>
    <message>
        <source>The kubeconfig has no contexts. Add one with kubectl, or start MeshDesk with --kubeconfig FILE.</source>
        <translation>kubeconfig 中没有上下文。请用 kubectl 添加，或使用 --kubeconfig FILE 启动 MeshDesk。</translation>
    </message>
    <message>
        <source>Every context of the kubeconfig is connected already.</source>
        <translation>kubeconfig 中的所有上下文都已连接。</translation>
    </message>
    <message>
        <source>Tick the kubeconfig contexts to connect. Each becomes a cluster of the mesh.</source>
        <translation>勾选要连接的 kubeconfig 上下文，每个上下文都会成为网格中的一个集群。</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
</context>
<context>
    <name>md::ui::ChecksDialog</name>
    <message>
        <source>Mesh Checks</source>
        <translation>网格检查</translation>
    </message>
    <message>
        <source>Filter by code, object, field, message or cluster</source>
        <translation>按代码、对象、字段、消息或集群筛选</translation>
    </message>
    <message>
        <source>No issues found in the selected mesh&apos;s policies.</source>
        <translation>所选网格的策略中未发现问题。</translation>
    </message>
    <message>
        <source>%1 (showing %2 of %3)</source>
        <translation>%1（显示 %3 条中的 %2 条）</translation>
    </message>
</context>
<context>
    <name>md::ui::ChecksStatus</name>
    <message>
        <source>Checking mesh…</source>
        <translation>正在检查网格…</translation>
    </message>
    <message>
        <source>Mesh checks: no issues</source>
        <translation>网格检查：无问题</translation>
    </message>
    <message>
        <source>Cross-reference checks of the selected mesh&apos;s live policies (Ctrl+Shift+M lists them)</source>
        <translation>对所选网格实时策略的交叉引用检查（按 Ctrl+Shift+M 列出）</translation>
    </message>
    <message>
        <source>Mesh checks: %1</source>
        <translation>网格检查：%1</translation>
    </message>
</context>
<context>
    <name>md::ui::ClustersPage</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Add Clusters…</source>
        <translation>添加集群…</translation>
    </message>
    <message>
        <source>Connect kubeconfig contexts as clusters of the mesh (%1)</source>
        <translation>将 kubeconfig 上下文作为网格集群连接（%1）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Disconnect the selected clusters (their objects stay untouched)</source>
        <translation>断开所选集群（其中的对象不受影响）</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <source>Check the selected clusters again (%1)</source>
        <translation>重新检查所选集群（%1）</translation>
    </message>
    <message>
        <source>Cluster actions</source>
        <translation>集群操作</translation>
    </message>
    <message>
        <source>Istio mesh &quot;%1&quot; found on %2 (control plane %3). Keep it as a mesh to pick it from the toolbar and connect its clusters together next time.</source>
        <translation>在 %2 上发现 Istio 网格“%1”（控制面 %3）。将其保存为网格后，即可在工具栏中选择它，并在下次一起连接其集群。</translation>
    </message>
    <message>
        <source>Keep as Mesh</source>
        <translation>保存为网格</translation>
    </message>
    <message>
        <source>New Mesh…</source>
        <translation>新建网格…</translation>
    </message>
    <message>
        <source>Edit Mesh…</source>
        <translation>编辑网格…</translation>
    </message>
    <message>
        <source>Keep a new mesh: its clusters, Istio root namespace and Prometheus (%1)</source>
        <translation>保存一个新网格：其集群、Istio 根命名空间和 Prometheus（%1）</translation>
    </message>
    <message>
        <source>Settings of the mesh picked in the toolbar (%1)</source>
        <translation>工具栏中所选网格的设置（%1）</translation>
    </message>
</context>
<context>
    <name>md::ui::CommandPalette</name>
    <message>
        <source>Go to page… (type a name, e.g. &quot;virtual&quot; or &quot;mtls&quot;)</source>
        <translation>转到页面…（输入名称，例如“virtual”或“拓扑”）</translation>
    </message>
    <message>
        <source>Search pages</source>
        <translation>搜索页面</translation>
    </message>
    <message>
        <source>No page matches &quot;%1&quot;</source>
        <translation>没有与“%1”匹配的页面</translation>
    </message>
</context>
<context>
    <name>md::ui::ConnectionStatus</name>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Partly connected</source>
        <translation>部分连接</translation>
    </message>
    <message>
        <source>Connection failed</source>
        <translation>连接失败</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>md::ui::EmptyStatePage</name>
    <message>
        <source>No mesh connected — add a cluster or start the demo</source>
        <translation>尚未连接网格 — 请添加集群或启动演示</translation>
    </message>
    <message>
        <source>Press %1 to jump to any page.</source>
        <translation>按 %1 可跳转到任意页面。</translation>
    </message>
    <message>
        <source>Connected to 1 cluster. This page does not show its data yet.</source>
        <translation>已连接 1 个集群。此页面暂不显示其数据。</translation>
    </message>
    <message>
        <source>Connected to %1 clusters. This page does not show their data yet.</source>
        <translation>已连接 %1 个集群。此页面暂不显示它们的数据。</translation>
    </message>
</context>
<context>
    <name>md::ui::MainWindow</name>
    <message>
        <source>MeshDesk</source>
        <translation>MeshDesk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>%1 › %2</source>
        <translation>%1 › %2</translation>
    </message>
    <message>
        <source>Go to Page…</source>
        <translation>转到页面…</translation>
    </message>
    <message>
        <source>Search for a page (%1)</source>
        <translation>搜索页面（%1）</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Back to the previous page</source>
        <translation>返回上一个页面</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <source>Forward to the next page</source>
        <translation>前进到下一个页面</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About MeshDesk</source>
        <translation>关于 MeshDesk</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>1 cluster</source>
        <translation>1 个集群</translation>
    </message>
    <message>
        <source>%1 clusters</source>
        <translation>%1 个集群</translation>
    </message>
    <message>
        <source>no cluster reachable</source>
        <translation>没有可访问的集群</translation>
    </message>
    <message>
        <source>%1 of %2 clusters unreachable</source>
        <translation>%2 个集群中有 %1 个无法访问</translation>
    </message>
    <message>
        <source>%1 of %2 clusters</source>
        <translation>%1/%2 个集群</translation>
    </message>
    <message>
        <source>Mesh Checks…</source>
        <translation>网格检查…</translation>
    </message>
</context>
<context>
    <name>md::ui::MeshDialog</name>
    <message>
        <source>New Mesh</source>
        <translation>新建网格</translation>
    </message>
    <message>
        <source>Mesh Settings: %1</source>
        <translation>网格设置：%1</translation>
    </message>
    <message>
        <source>e.g. production</source>
        <translation>例如 production</translation>
    </message>
    <message>
        <source>Choose a cluster</source>
        <translation>选择集群</translation>
    </message>
    <message>
        <source>Tick the clusters whose workloads join the mesh; Space ticks the current one</source>
        <translation>勾选其工作负载加入网格的集群；按空格键勾选当前集群</translation>
    </message>
    <message>
        <source>Prometheus bearer token</source>
        <translation>Prometheus 持有者令牌</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show the token while you edit it</source>
        <translation>编辑时显示令牌</translation>
    </message>
    <message>
        <source>The system&apos;s CAs</source>
        <translation>系统的 CA</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Control plane:</source>
        <translation>控制面(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Member clusters:</source>
        <translation>成员集群(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Root namespace:</source>
        <translation>根命名空间(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Prometheus URL:</source>
        <translation>Prometheus URL(&amp;P)：</translation>
    </message>
    <message>
        <source>Bearer &amp;token:</source>
        <translation>持有者令牌(&amp;T)：</translation>
    </message>
    <message>
        <source>C&amp;A file:</source>
        <translation>CA 文件(&amp;A)：</translation>
    </message>
    <message>
        <source>Kept in the system keychain, never in MeshDesk&apos;s files.</source>
        <translation>保存在系统钥匙串中，绝不写入 MeshDesk 的文件。</translation>
    </message>
    <message>
        <source>%1 (not in the kubeconfig)</source>
        <translation>%1（不在 kubeconfig 中）</translation>
    </message>
    <message>
        <source>One control plane for several member clusters.</source>
        <translation>一个控制面管理多个成员集群。</translation>
    </message>
    <message>
        <source>Control plane and workloads in one cluster.</source>
        <translation>控制面与工作负载位于同一集群。</translation>
    </message>
    <message>
        <source>An Istio you installed and manage yourself.</source>
        <translation>由您自行安装和管理的 Istio。</translation>
    </message>
    <message>
        <source>there is a mesh named &quot;%1&quot; already</source>
        <translation>已存在名为“%1”的网格</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Loading the token from the keychain…</source>
        <translation>正在从钥匙串加载令牌…</translation>
    </message>
    <message>
        <source>Kept in the system keychain.</source>
        <translation>已保存在系统钥匙串中。</translation>
    </message>
    <message>
        <source>The keychain holds no token for this mesh: Prometheus is queried without one.</source>
        <translation>钥匙串中没有此网格的令牌：查询 Prometheus 时不带令牌。</translation>
    </message>
    <message>
        <source>Prometheus CA Certificate</source>
        <translation>Prometheus CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>%1
Press OK to try again, or Cancel to keep the mesh without its token.</source>
        <translation>%1
按“确定”重试，或按“取消”保留网格但不保存其令牌。</translation>
    </message>
</context>
<context>
    <name>md::ui::MeshSelector</name>
    <message>
        <source>&amp;Mesh:</source>
        <translation>网格(&amp;M)：</translation>
    </message>
    <message>
        <source>C&amp;luster:</source>
        <translation>集群(&amp;L)：</translation>
    </message>
    <message>
        <source>No mesh</source>
        <translation>无网格</translation>
    </message>
    <message>
        <source>All clusters</source>
        <translation>全部集群</translation>
    </message>
    <message>
        <source>The mesh whose resources the pages show</source>
        <translation>各页面显示其资源的网格</translation>
    </message>
    <message>
        <source>Limit the pages to one cluster of the mesh</source>
        <translation>将页面限定为网格中的某一个集群</translation>
    </message>
</context>
<context>
    <name>md::ui::NavigationSidebar</name>
    <message>
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
</context>
<context>
    <name>md::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
</TS>
