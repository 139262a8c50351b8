<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Istio</name>
    <message>
        <source>More than one VirtualService for host %1 on the same gateway: %2</source>
        <translation>同一网关上存在多个针对主机 %1 的 VirtualService：%2</translation>
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
        <source>More than one Sidecar without workload selector in a namespace</source>
        <translation>同一命名空间中存在多个未设置工作负载选择器的 Sidecar</translation>
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
    <message>
        <source>Deprecated field, custom resource type or Telemetry provider</source>
        <translation>已弃用的字段、自定义资源类型或 Telemetry 提供者</translation>
    </message>
    <message>
        <source>Referenced resource not found (gateway, host, host:port, subset, mirror, delegate, selector, credentialName, namespace)</source>
        <translation>引用的资源不存在（网关、主机、主机:端口、子集、镜像、委托、选择器、credentialName、命名空间）</translation>
    </message>
    <message>
        <source>Namespace not enabled for sidecar injection</source>
        <translation>命名空间未启用边车注入</translation>
    </message>
    <message>
        <source>Pod in an injected namespace runs without its proxy</source>
        <translation>已注入命名空间中的 Pod 未运行代理</translation>
    </message>
    <message>
        <source>Istio annotation on a kind it does not apply to</source>
        <translation>Istio 注解用在了不适用的类型上</translation>
    </message>
    <message>
        <source>Unknown Istio annotation</source>
        <translation>未知的 Istio 注解</translation>
    </message>
    <message>
        <source>VirtualServices bound to the mesh gateway define the same host (per exportTo scope)</source>
        <translation>绑定到 mesh 网关的 VirtualService 定义了相同的主机（按 exportTo 范围）</translation>
    </message>
    <message>
        <source>Sidecars select the same workload pod</source>
        <translation>多个 Sidecar 选中同一个工作负载 Pod</translation>
    </message>
    <message>
        <source>Route destination needs a port: the service exposes several</source>
        <translation>路由目标需要指定端口：该服务暴露了多个端口</translation>
    </message>
    <message>
        <source>Deployment behind several services using one port with different protocols</source>
        <translation>Deployment 属于多个服务，同一端口使用了不同协议</translation>
    </message>
    <message>
        <source>Service port name does not follow Istio&apos;s protocol naming</source>
        <translation>服务端口名称不符合 Istio 的协议命名约定</translation>
    </message>
    <message>
        <source>Namespace with more than one kind of injection label</source>
        <translation>命名空间带有多种注入标签</translation>
    </message>
    <message>
        <source>Invalid value of an Istio annotation</source>
        <translation>Istio 注解的值无效</translation>
    </message>
    <message>
        <source>Mesh networks name an unknown service registry</source>
        <translation>网格网络引用了未知的服务注册表</translation>
    </message>
    <message>
        <source>No workload matches the policy&apos;s selector</source>
        <translation>没有工作负载匹配策略的选择器</translation>
    </message>
    <message>
        <source>VirtualService rule never used (HTTP, TCP and TLS routes)</source>
        <translation>VirtualService 规则永远不会被使用（HTTP、TCP 和 TLS 路由）</translation>
    </message>
    <message>
        <source>VirtualService match duplicates or is covered by an earlier one</source>
        <translation>VirtualService 的匹配条件与之前的重复或被其覆盖</translation>
    </message>
    <message>
        <source>VirtualService hosts not served by its Gateway</source>
        <translation>VirtualService 的主机不由其 Gateway 提供服务</translation>
    </message>
    <message>
        <source>ServiceEntry TCP port without addresses</source>
        <translation>ServiceEntry 的 TCP 端口没有地址</translation>
    </message>
    <message>
        <source>Deprecated Istio annotation</source>
        <translation>已弃用的 Istio 注解</translation>
    </message>
    <message>
        <source>Istio annotation of an alpha-phase feature</source>
        <translation>属于 Alpha 阶段功能的 Istio 注解</translation>
    </message>
    <message>
        <source>Deployment behind several services using one targetPort on different ports</source>
        <translation>Deployment 属于多个服务，同一 targetPort 对应不同端口</translation>
    </message>
    <message>
        <source>Gateways on the same workloads share a certificate</source>
        <translation>同一工作负载上的多个网关共用一个证书</translation>
    </message>
    <message>
        <source>Injection webhooks overlap, or point to a missing service</source>
        <translation>注入 webhook 相互重叠，或指向不存在的服务</translation>
    </message>
    <message>
        <source>Subset routing has no effect on ingress gateway requests</source>
        <translation>子集路由对入口网关的请求不起作用</translation>
    </message>
    <message>
        <source>Application container runs as the proxy&apos;s user ID 1337</source>
        <translation>应用容器以代理的用户 ID 1337 运行</translation>
    </message>
    <message>
        <source>Gateways conflict on workload selector, port and host</source>
        <translation>网关在工作负载选择器、端口和主机上冲突</translation>
    </message>
    <message>
        <source>Deployment with image: auto that no injection webhook selects</source>
        <translation>使用 image: auto 的 Deployment 未被任何注入 webhook 选中</translation>
    </message>
    <message>
        <source>Pod with image: auto (never injected)</source>
        <translation>使用 image: auto 的 Pod（从未被注入）</translation>
    </message>
    <message>
        <source>Namespace injected by default (enableNamespacesByDefault)</source>
        <translation>命名空间默认被注入（enableNamespacesByDefault）</translation>
    </message>
    <message>
        <source>JWT claim routing at a gateway no RequestAuthentication covers</source>
        <translation>网关上按 JWT 声明路由，但没有 RequestAuthentication 覆盖该网关</translation>
    </message>
    <message>
        <source>Invalid port name of an ExternalName service</source>
        <translation>ExternalName 服务的端口名称无效</translation>
    </message>
    <message>
        <source>EnvoyFilter relative patch without priority</source>
        <translation>EnvoyFilter 使用相对补丁操作但未设置优先级</translation>
    </message>
    <message>
        <source>EnvoyFilter REPLACE on an applyTo other than HTTP_FILTER or NETWORK_FILTER</source>
        <translation>EnvoyFilter 的 REPLACE 用于 HTTP_FILTER 或 NETWORK_FILTER 以外的 applyTo</translation>
    </message>
    <message>
        <source>EnvoyFilter ADD on ROUTE_CONFIGURATION or HTTP_ROUTE</source>
        <translation>EnvoyFilter 在 ROUTE_CONFIGURATION 或 HTTP_ROUTE 上使用 ADD</translation>
    </message>
    <message>
        <source>EnvoyFilter REMOVE on ROUTE_CONFIGURATION or HTTP_ROUTE</source>
        <translation>EnvoyFilter 在 ROUTE_CONFIGURATION 或 HTTP_ROUTE 上使用 REMOVE</translation>
    </message>
    <message>
        <source>EnvoyFilter relative patch without priority on a patch with proxyVersion</source>
        <translation>EnvoyFilter 在带 proxyVersion 的补丁上使用相对操作且未设置优先级</translation>
    </message>
    <message>
        <source>Telemetry access logging without providers</source>
        <translation>Telemetry 的访问日志没有提供者</translation>
    </message>
    <message>
        <source>Proxy images of a namespace differ from the injector&apos;s</source>
        <translation>命名空间中的代理镜像与注入器的镜像不一致</translation>
    </message>
    <message>
        <source>Telemetries select the same workload pod</source>
        <translation>多个 Telemetry 选中同一个工作负载 Pod</translation>
    </message>
    <message>
        <source>More than one Telemetry without selector in a namespace</source>
        <translation>命名空间中有多个没有选择器的 Telemetry</translation>
    </message>
    <message>
        <source>Gateway credential invalid (keys missing, no certificate, expired)</source>
        <translation>网关凭据无效（缺少键、没有证书或已过期）</translation>
    </message>
    <message>
        <source>Gateway port not exposed by the Service of its workloads</source>
        <translation>网关端口未由其工作负载的 Service 暴露</translation>
    </message>
    <message>
        <source>External control plane webhook address blank or invalid</source>
        <translation>外部控制平面的 webhook 地址为空或无效</translation>
    </message>
    <message>
        <source>External control plane webhook address is an IP address</source>
        <translation>外部控制平面的 webhook 地址是 IP 地址</translation>
    </message>
    <message>
        <source>VirtualService references a generated internal Gateway</source>
        <translation>VirtualService 引用了自动生成的内部 Gateway</translation>
    </message>
    <message>
        <source>Policy selector picks a Kubernetes Gateway&apos;s pods: use targetRef</source>
        <translation>策略选择器选中了 Kubernetes Gateway 的 Pod：请使用 targetRef</translation>
    </message>
    <message>
        <source>Policy without effect: its workloads or namespace are in ambient mode</source>
        <translation>策略无效：其工作负载或命名空间处于 ambient 模式</translation>
    </message>
    <message>
        <source>Service differs between the clusters of a mesh</source>
        <translation>服务在网格的各集群之间不一致</translation>
    </message>
    <message>
        <source>Negative status condition</source>
        <translation>状态条件为否定</translation>
    </message>
    <message>
        <source>RequestAuthentications while istiod fetches JWKS URIs unrestricted</source>
        <translation>存在 RequestAuthentication，而 istiod 获取 JWKS URI 时不受限制</translation>
    </message>
    <message>
        <source>ServiceEntries define one host and port with different protocols</source>
        <translation>多个 ServiceEntry 为同一主机和端口定义了不同协议</translation>
    </message>
    <message>
        <source>Gateway credential expired, expiring within 30 days or unusable</source>
        <translation>网关凭据已过期、将在 30 天内过期或无法使用</translation>
    </message>
    <message>
        <source>path template &quot;%1&quot;: {**} must be the last operator (literal segments may follow it)</source>
        <translation>路径模板“%1”：{**} 必须是最后一个运算符（其后可以有字面量段）</translation>
    </message>
    <message>
        <source>path template &quot;%1&quot; contains &apos;{&apos; or &apos;}&apos; beyond a supported operator ({*} or {**} as a whole segment)</source>
        <translation>路径模板“%1”在受支持的运算符（作为完整路径段的 {*} 或 {**}）之外包含 &apos;{&apos; 或 &apos;}&apos;</translation>
    </message>
    <message>
        <source>path template &quot;%1&quot;: segment &quot;%2&quot; is not a valid literal</source>
        <translation>路径模板“%1”：路径段“%2”不是有效的字面量</translation>
    </message>
    <message>
        <source>bad key &quot;%1&quot;: should have the form a[b]</source>
        <translation>键“%1”无效：格式应为 a[b]</translation>
    </message>
    <message>
        <source>attribute %1 is replaced by the metadata.namespace</source>
        <translation>属性 %1 已被 metadata.namespace 取代</translation>
    </message>
    <message>
        <source>attribute %1 is replaced by the workload selector</source>
        <translation>属性 %1 已被工作负载选择器取代</translation>
    </message>
    <message>
        <source>deprecated attribute %1: only supported in v1alpha1</source>
        <translation>已弃用的属性 %1：仅在 v1alpha1 中支持</translation>
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
    <message>
        <source>Every Istio resource kind each cluster serves: browse, edit as YAML, create from a template, labels, annotations and delete.</source>
        <translation>各集群提供的所有 Istio 资源类型：浏览、以 YAML 编辑、从模板创建、标签、注解和删除。</translation>
    </message>
    <message>
        <source>TLS secrets</source>
        <translation>TLS 密钥</translation>
    </message>
    <message>
        <source>Gateway certificates: subject, SANs, issuer and expiry; create from certificate and key files.</source>
        <translation>网关证书：主题、SAN、签发者和到期时间；从证书和私钥文件创建。</translation>
    </message>
    <message>
        <source>Config drift</source>
        <translation>配置漂移</translation>
    </message>
    <message>
        <source>Istio resources that differ between the clusters of the mesh, with the diff and copying one version to the others.</source>
        <translation>网格各集群之间存在差异的 Istio 资源，显示差异并可将某一版本复制到其他集群。</translation>
    </message>
</context>
<context>
    <name>md::Policies</name>
    <message>
        <source>not a JSON object</source>
        <translation>不是 JSON 对象</translation>
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
        <source>1 note</source>
        <translation>1 条提示</translation>
    </message>
    <message>
        <source>%1 notes</source>
        <translation>%1 条提示</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>The live checks have not run yet.</source>
        <translation>实时检查尚未运行。</translation>
    </message>
    <message>
        <source>No problems found by the live checks.</source>
        <translation>实时检查未发现问题。</translation>
    </message>
    <message>
        <source>targetRefs: %1</source>
        <translation>targetRefs：%1</translation>
    </message>
    <message>
        <source>Workload: %1</source>
        <translation>工作负载：%1</translation>
    </message>
    <message>
        <source>Mesh-wide (root namespace)</source>
        <translation>全网格（根命名空间）</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>traffic shifting</source>
        <translation>流量切分</translation>
    </message>
    <message>
        <source>retries</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>fault</source>
        <translation>故障注入</translation>
    </message>
    <message>
        <source>mirror</source>
        <translation>流量镜像</translation>
    </message>
    <message>
        <source>redirect</source>
        <translation>重定向</translation>
    </message>
    <message>
        <source>rewrite</source>
        <translation>重写</translation>
    </message>
    <message>
        <source>delegate</source>
        <translation>委托</translation>
    </message>
    <message>
        <source>direct response</source>
        <translation>直接响应</translation>
    </message>
    <message>
        <source>CORS</source>
        <translation>CORS</translation>
    </message>
    <message>
        <source>headers</source>
        <translation>请求头</translation>
    </message>
    <message>
        <source>LB %1</source>
        <translation>负载均衡 %1</translation>
    </message>
    <message>
        <source>consistent hash</source>
        <translation>一致性哈希</translation>
    </message>
    <message>
        <source>locality LB</source>
        <translation>地域负载均衡</translation>
    </message>
    <message>
        <source>TCP pool</source>
        <translation>TCP 连接池</translation>
    </message>
    <message>
        <source>HTTP pool</source>
        <translation>HTTP 连接池</translation>
    </message>
    <message>
        <source>outlier detection</source>
        <translation>异常检测</translation>
    </message>
    <message>
        <source>client TLS</source>
        <translation>客户端 TLS</translation>
    </message>
    <message>
        <source>port-level</source>
        <translation>端口级</translation>
    </message>
    <message>
        <source>HTTPS redirect</source>
        <translation>HTTPS 重定向</translation>
    </message>
    <message>
        <source>resolved from the hosts (DNS)</source>
        <translation>由主机名解析（DNS）</translation>
    </message>
    <message>
        <source>UNSET (inherits)</source>
        <translation>UNSET（继承）</translation>
    </message>
    <message>
        <source>none: allows nothing (denies every request)</source>
        <translation>无：不允许任何请求（拒绝所有请求）</translation>
    </message>
    <message>
        <source>none: matches no request</source>
        <translation>无：不匹配任何请求</translation>
    </message>
    <message>
        <source>1 rule, matches every request</source>
        <translation>1 条规则，匹配所有请求</translation>
    </message>
    <message>
        <source>%1 rules, one matches every request</source>
        <translation>%1 条规则，其中一条匹配所有请求</translation>
    </message>
    <message>
        <source>1 rule</source>
        <translation>1 条规则</translation>
    </message>
    <message>
        <source>%1 rules</source>
        <translation>%1 条规则</translation>
    </message>
    <message>
        <source>VirtualServices</source>
        <translation>虚拟服务 (VirtualService)</translation>
    </message>
    <message>
        <source>DestinationRules</source>
        <translation>目标规则 (DestinationRule)</translation>
    </message>
    <message>
        <source>Gateways</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>ServiceEntries</source>
        <translation>服务条目 (ServiceEntry)</translation>
    </message>
    <message>
        <source>PeerAuthentications</source>
        <translation>对等身份认证 (PeerAuthentication)</translation>
    </message>
    <message>
        <source>RequestAuthentications</source>
        <translation>请求身份认证 (RequestAuthentication)</translation>
    </message>
    <message>
        <source>AuthorizationPolicies</source>
        <translation>授权策略 (AuthorizationPolicy)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Subsets</source>
        <translation>子集</translation>
    </message>
    <message>
        <source>Selector</source>
        <translation>选择器</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解析方式</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>生效范围</translation>
    </message>
    <message>
        <source>mTLS mode</source>
        <translation>mTLS 模式</translation>
    </message>
    <message>
        <source>Port mTLS</source>
        <translation>端口 mTLS</translation>
    </message>
    <message>
        <source>JWT issuers</source>
        <translation>JWT 签发者</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>存在时间</translation>
    </message>
    <message>
        <source>(unreadable: %1)</source>
        <translation>（无法读取：%1）</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>不是对象</translation>
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
    <message>
        <source>discovery failed: no answer within 60 s</source>
        <translation>发现失败：60 秒内无应答</translation>
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
  analyze [FILE...]        istioctl analyze&apos;s checks over a cluster&apos;s live state (--context,
                           repeatable) or a kept mesh&apos;s (--mesh NAME), files on top
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
  analyze [FILE...]        对集群的实时状态（--context，可重复）或已保存网格
                           （--mesh NAME）运行 istioctl analyze 的检查，文件叠加其上
  topology --prometheus URL  服务拓扑图（-o json|dot；详见 topology --help）
  layout GRAPH.json        对图文件进行布局：以 JSON 输出节点中心和边的路径

退出码：0 成功，1 校验或 API 错误，2 用法错误。</translation>
    </message>
    <message>
        <source>analyze: every cluster of this mesh (as MeshDesk keeps it).</source>
        <translation>analyze：该网格的所有集群（按 MeshDesk 保存的网格）。</translation>
    </message>
    <message>
        <source>meshdesk-cli analyze: unknown output format &quot;%1&quot; (use json)</source>
        <translation>meshdesk-cli analyze：未知的输出格式“%1”（请使用 json）</translation>
    </message>
    <message>
        <source>no mesh &quot;%1&quot;: MeshDesk keeps no meshes yet (%2 does not exist)</source>
        <translation>没有网格“%1”：MeshDesk 尚未保存任何网格（%2 不存在）</translation>
    </message>
    <message>
        <source>no mesh &quot;%1&quot; in %2: %3</source>
        <translation>%2 中没有网格“%1”：%3</translation>
    </message>
    <message>
        <source>give --context or --mesh, not both</source>
        <translation>请给出 --context 或 --mesh，不能同时给出</translation>
    </message>
    <message>
        <source>give -n or -A, not both</source>
        <translation>请给出 -n 或 -A，不能同时给出</translation>
    </message>
    <message>
        <source>cannot read file: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <source>cannot list %1 in %2: %3</source>
        <translation>无法在 %2 中列出 %1：%3</translation>
    </message>
    <message>
        <source>No validation issues found when analyzing all namespaces of %1.</source>
        <translation>分析 %1 的所有命名空间时未发现校验问题。</translation>
    </message>
    <message>
        <source>No validation issues found when analyzing namespace %1 of %2.</source>
        <translation>分析 %2 的命名空间 %1 时未发现校验问题。</translation>
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
    <name>md::drift</name>
    <message>
        <source>In sync</source>
        <translation>已同步</translation>
    </message>
    <message>
        <source>Differs (%1 versions)</source>
        <translation>不一致（%1 个版本）</translation>
    </message>
    <message>
        <source>missing in %1</source>
        <translation>%1 中缺失</translation>
    </message>
</context>
<context>
    <name>md::drift::DriftModel</name>
    <message>
        <source>%1: version %2 (resourceVersion %3)</source>
        <translation>%1：版本 %2（resourceVersion %3）</translation>
    </message>
    <message>
        <source>%1: missing</source>
        <translation>%1：缺失</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>md::gateways</name>
    <message>
        <source>no Service</source>
        <translation>无 Service</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Recognised by: %1</source>
        <translation>识别依据：%1</translation>
    </message>
    <message>
        <source>Proxy image: %1</source>
        <translation>代理镜像：%1</translation>
    </message>
    <message>
        <source>Proxy resources: %1</source>
        <translation>代理资源：%1</translation>
    </message>
    <message>
        <source>No Service selects the gateway&apos;s pods</source>
        <translation>没有 Service 选择该网关的 Pod</translation>
    </message>
    <message>
        <source>Service %1</source>
        <translation>Service %1</translation>
    </message>
    <message>
        <source>The load balancer has not assigned an external address yet</source>
        <translation>负载均衡器尚未分配外部地址</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>pod %1: container %2 is in %3</source>
        <translation>Pod %1：容器 %2 处于 %3</translation>
    </message>
    <message>
        <source>pod %1 failed</source>
        <translation>Pod %1 失败</translation>
    </message>
    <message>
        <source>requests %1</source>
        <translation>请求 %1</translation>
    </message>
    <message>
        <source>limits %1</source>
        <translation>限制 %1</translation>
    </message>
    <message>
        <source>scaled to 0 replicas</source>
        <translation>已缩容到 0 个副本</translation>
    </message>
    <message>
        <source>no pod yet</source>
        <translation>尚无 Pod</translation>
    </message>
    <message numerus="yes">
        <source>%n pod(s), none ready yet</source>
        <translation>
            <numerusform>%n 个 Pod，尚无就绪</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 replicas ready, %3 updated</source>
        <translation>%2 个副本中 %1 个就绪，%3 个已更新</translation>
    </message>
    <message>
        <source>no Service selects its pods</source>
        <translation>没有 Service 选择其 Pod</translation>
    </message>
    <message>
        <source>Egress</source>
        <translation>出口</translation>
    </message>
    <message>
        <source>Ingress</source>
        <translation>入口</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Creating</source>
        <translation>创建中</translation>
    </message>
    <message>
        <source>Updating</source>
        <translation>更新中</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Deleting</source>
        <translation>删除中</translation>
    </message>
    <message>
        <source>istio label</source>
        <translation>istio 标签</translation>
    </message>
    <message>
        <source>injection template</source>
        <translation>注入模板</translation>
    </message>
    <message>
        <source>Gateway API</source>
        <translation>Gateway API</translation>
    </message>
    <message>
        <source>choose a cluster</source>
        <translation>请选择集群</translation>
    </message>
    <message>
        <source>must be between 0 and 1000 (is %1)</source>
        <translation>必须在 0 到 1000 之间（当前为 %1）</translation>
    </message>
    <message>
        <source>the CPU request %1 is above the limit %2</source>
        <translation>CPU 请求 %1 高于限制 %2</translation>
    </message>
    <message>
        <source>the memory request %1 is above the limit %2</source>
        <translation>内存请求 %1 高于限制 %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of ClusterIP, NodePort, LoadBalancer</source>
        <translation>“%1”不是 ClusterIP、NodePort、LoadBalancer 之一</translation>
    </message>
    <message>
        <source>a gateway Service needs at least one port</source>
        <translation>网关 Service 至少需要一个端口</translation>
    </message>
    <message>
        <source>the name %1 is used by another port</source>
        <translation>名称 %1 已被另一个端口使用</translation>
    </message>
    <message>
        <source>port %1 is listed twice</source>
        <translation>端口 %1 重复</translation>
    </message>
    <message>
        <source>node port %1 is outside the default range 30000-32767</source>
        <translation>节点端口 %1 超出默认范围 30000-32767</translation>
    </message>
    <message>
        <source>protocol &quot;%1&quot; is not TCP, UDP or SCTP</source>
        <translation>协议“%1”不是 TCP、UDP 或 SCTP</translation>
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
    <message>
        <source>Last failed probe: %1</source>
        <translation>最近一次失败的探测：%1</translation>
    </message>
    <message>
        <source>Caches: %1</source>
        <translation>缓存：%1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>Unreachable since %1</source>
        <translation>自 %1 起不可达</translation>
    </message>
    <message>
        <source>Unreachable since %1, showing data from %2</source>
        <translation>自 %1 起不可达，显示的是 %2 的数据</translation>
    </message>
    <message>
        <source>%1 % of requests failing</source>
        <translation>%1% 的请求失败</translation>
    </message>
    <message>
        <source>%1 of %2 caches retrying</source>
        <translation>%2 个缓存中有 %1 个正在重试</translation>
    </message>
    <message>
        <source>data %1 old</source>
        <translation>数据已过时 %1</translation>
    </message>
    <message>
        <source>Degraded: %1</source>
        <translation>已降级：%1</translation>
    </message>
    <message>
        <source>Connected, loading (%1 of %2 kinds)</source>
        <translation>已连接，正在加载（%1/%2 种类型）</translation>
    </message>
    <message>
        <source>upgrading the schema</source>
        <translation>升级数据库结构</translation>
    </message>
    <message>
        <source>the keyring is locked</source>
        <translation>密钥环已锁定</translation>
    </message>
</context>
<context>
    <name>md::resources</name>
    <message>
        <source>%1 &quot;%2&quot; is given twice</source>
        <translation>%1“%2”出现了两次</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1为空</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; has more than one &apos;/&apos;: a key is &quot;prefix/name&quot; or &quot;name&quot;</source>
        <translation>%1“%2”含有多个“/”：键的格式为“prefix/name”或“name”</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; has an empty prefix before &apos;/&apos;</source>
        <translation>%1“%2”在“/”之前的前缀为空</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot;: the prefix must be 253 characters or less</source>
        <translation>%1“%2”：前缀不能超过 253 个字符</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot;: the prefix must be a DNS subdomain (lowercase letters, digits, &apos;-&apos; and &apos;.&apos;, starting and ending with a letter or digit)</source>
        <translation>%1“%2”：前缀必须是 DNS 子域名（小写字母、数字、“-”和“.”，以字母或数字开头和结尾）</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; has an empty name after &apos;/&apos;</source>
        <translation>%1“%2”在“/”之后的名称为空</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot;: the name must be 63 characters or less (it has %3)</source>
        <translation>%1“%2”：名称不能超过 63 个字符（当前为 %3 个）</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot;: the name must consist of letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos;, and start and end with a letter or digit</source>
        <translation>%1“%2”：名称只能由字母、数字、“-”、“_”或“.”组成，并以字母或数字开头和结尾</translation>
    </message>
    <message>
        <source>The value of label &quot;%1&quot; must be 63 characters or less (it has %2)</source>
        <translation>标签“%1”的值不能超过 63 个字符（当前为 %2 个）</translation>
    </message>
    <message>
        <source>The value of label &quot;%1&quot; must be empty or consist of letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos;, and start and end with a letter or digit</source>
        <translation>标签“%1”的值必须为空，或由字母、数字、“-”、“_”或“.”组成，并以字母或数字开头和结尾</translation>
    </message>
    <message>
        <source>Label key</source>
        <translation>标签键</translation>
    </message>
    <message>
        <source>Annotation key</source>
        <translation>注解键</translation>
    </message>
    <message>
        <source>The annotations take %1 bytes; the limit is %2 bytes</source>
        <translation>注解共占 %1 字节；上限为 %2 字节</translation>
    </message>
</context>
<context>
    <name>md::resources::KindTreeModel</name>
    <message>
        <source>%1 (%2), served by %3</source>
        <translation>%1（%2），由 %3 提供</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) in API group %1</source>
        <translation>
            <numerusform>API 组 %1 中有 %n 个对象</numerusform>
        </translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>对象数</translation>
    </message>
</context>
<context>
    <name>md::resources::ResourceTableModel</name>
    <message>
        <source>The live checks found no problem</source>
        <translation>实时检查未发现问题</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n info(s)</source>
        <translation>
            <numerusform>%n 条提示</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>存在时间</translation>
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
    <name>md::secrets</name>
    <message>
        <source>no further detail</source>
        <translation>无更多详情</translation>
    </message>
    <message>
        <source>the text is empty</source>
        <translation>内容为空</translation>
    </message>
    <message>
        <source>this is a private key, not a certificate</source>
        <translation>这是私钥，不是证书</translation>
    </message>
    <message>
        <source>no PEM certificate (-----BEGIN CERTIFICATE-----) found</source>
        <translation>未找到 PEM 证书（-----BEGIN CERTIFICATE-----）</translation>
    </message>
    <message>
        <source>certificate %1 cannot be read: %2</source>
        <translation>无法读取第 %1 个证书：%2</translation>
    </message>
    <message>
        <source>the private key is encrypted; Istio needs it unencrypted</source>
        <translation>私钥已加密；Istio 需要未加密的私钥</translation>
    </message>
    <message>
        <source>this is a certificate, not a private key</source>
        <translation>这是证书，不是私钥</translation>
    </message>
    <message>
        <source>no PEM private key (-----BEGIN PRIVATE KEY-----) found</source>
        <translation>未找到 PEM 私钥（-----BEGIN PRIVATE KEY-----）</translation>
    </message>
    <message>
        <source>the private key cannot be read: %1</source>
        <translation>无法读取私钥：%1</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>private key</source>
        <translation>私钥</translation>
    </message>
    <message>
        <source>the private key (%1) does not belong to the certificate %2 (%3)</source>
        <translation>私钥（%1）不属于证书 %2（%3）</translation>
    </message>
    <message>
        <source>no public key</source>
        <translation>无公钥</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Expiring</source>
        <translation>即将过期</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Not yet valid</source>
        <translation>尚未生效</translation>
    </message>
    <message>
        <source>expires within a day</source>
        <translation>一天内过期</translation>
    </message>
    <message>
        <source>expires in 1 day</source>
        <translation>1 天后过期</translation>
    </message>
    <message>
        <source>expires in %1 days</source>
        <translation>%1 天后过期</translation>
    </message>
    <message>
        <source>expired today</source>
        <translation>今天已过期</translation>
    </message>
    <message>
        <source>expired 1 day ago</source>
        <translation>1 天前已过期</translation>
    </message>
    <message>
        <source>expired %1 days ago</source>
        <translation>%1 天前已过期</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>no certificate under %1</source>
        <translation>%1 下没有证书</translation>
    </message>
    <message>
        <source>no private key under %1</source>
        <translation>%1 下没有私钥</translation>
    </message>
    <message>
        <source>the certificate %1 expired on %2</source>
        <translation>证书 %1 已于 %2 过期</translation>
    </message>
    <message>
        <source>the certificate is valid only from %1</source>
        <translation>证书自 %1 起才生效</translation>
    </message>
    <message>
        <source>the certificate %1 (%2)</source>
        <translation>证书%1（%2）</translation>
    </message>
    <message>
        <source>the first certificate is a CA certificate without SANs; the server certificate should come first</source>
        <translation>第一个证书是没有 SAN 的 CA 证书；服务器证书应排在最前</translation>
    </message>
    <message>
        <source>the CA certificate %1 expired on %2</source>
        <translation>CA 证书 %1 已于 %2 过期</translation>
    </message>
    <message>
        <source>secret %1/%2 in cluster %3</source>
        <translation>集群 %3 中的密钥 %1/%2</translation>
    </message>
    <message>
        <source>the credential&apos;s certificate %1 %2 (%3)</source>
        <translation>凭据证书 %1 %2（%3）</translation>
    </message>
    <message>
        <source>the credential&apos;s certificate %1 is valid only from %2 (%3)</source>
        <translation>凭据证书 %1 自 %2 起才生效（%3）</translation>
    </message>
    <message>
        <source>the credential cannot be used: %1 (%2)</source>
        <translation>凭据无法使用：%1（%2）</translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation>主题：%1</translation>
    </message>
    <message>
        <source>SANs: %1</source>
        <translation>SAN：%1</translation>
    </message>
    <message>
        <source>Issuer: %1</source>
        <translation>签发者：%1</translation>
    </message>
    <message>
        <source>Valid from %1 to %2</source>
        <translation>有效期 %1 至 %2</translation>
    </message>
    <message>
        <source>Key: %1</source>
        <translation>密钥：%1</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1, CA only</source>
        <translation>%1，仅 CA</translation>
    </message>
    <message>
        <source>Data keys: %1</source>
        <translation>数据键：%1</translation>
    </message>
    <message numerus="yes">
        <source>Chain: %n certificate(s)</source>
        <translation>
            <numerusform>证书链：%n 个证书</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>SANs</source>
        <translation>SAN</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>签发者</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>过期时间</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>must be at most 63 characters (has %1)</source>
        <translation>最多 63 个字符（当前 %1 个）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must consist of lower-case letters, digits and &apos;-&apos;, and start and end with a letter or digit</source>
        <translation>“%1”只能包含小写字母、数字和“-”，且必须以字母或数字开头和结尾</translation>
    </message>
    <message>
        <source>must be at most 253 characters (has %1)</source>
        <translation>最多 253 个字符（当前 %1 个）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must consist of lower-case letters, digits, &apos;-&apos; and &apos;.&apos;, and start and end with a letter or digit</source>
        <translation>“%1”只能包含小写字母、数字、“-”和“.”，且必须以字母或数字开头和结尾</translation>
    </message>
    <message>
        <source>a key must not be empty</source>
        <translation>键不能为空</translation>
    </message>
    <message>
        <source>the prefix of key &quot;%1&quot;: %2</source>
        <translation>键“%1”的前缀：%2</translation>
    </message>
    <message>
        <source>key &quot;%1&quot;: the name must be 1-63 letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos;, starting and ending with a letter or digit</source>
        <translation>键“%1”：名称必须为 1-63 个字母、数字、“-”、“_”或“.”，且以字母或数字开头和结尾</translation>
    </message>
    <message>
        <source>value &quot;%1&quot; must be at most 63 letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos;, starting and ending with a letter or digit</source>
        <translation>值“%1”最多 63 个字母、数字、“-”、“_”或“.”，且以字母或数字开头和结尾</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a quantity (such as 100m, 0.5, 128Mi or 1Gi)</source>
        <translation>“%1”不是资源数量（例如 100m、0.5、128Mi 或 1Gi）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must not be negative</source>
        <translation>“%1”不能为负数</translation>
    </message>
    <message>
        <source>port %1 is not between 1 and 65535</source>
        <translation>端口 %1 不在 1 到 65535 之间</translation>
    </message>
</context>
<context>
    <name>md::services</name>
    <message>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Port %1 is in %2 but not in %3</source>
        <translation>端口 %1 存在于 %2，但不存在于 %3</translation>
    </message>
    <message>
        <source>Port %1 is named %2 in %3 and %4 in %5</source>
        <translation>端口 %1 在 %3 中名为 %2，在 %5 中名为 %4</translation>
    </message>
    <message>
        <source>Port %1 has appProtocol %2 in %3 and %4 in %5</source>
        <translation>端口 %1 的 appProtocol 在 %3 中为 %2，在 %5 中为 %4</translation>
    </message>
    <message>
        <source>Istio reads port %1 as %2 in %3 and as %4 in %5</source>
        <translation>Istio 在 %3 中将端口 %1 识别为 %2，在 %5 中识别为 %4</translation>
    </message>
    <message>
        <source>Port %1 targets %2 in %3 and %4 in %5</source>
        <translation>端口 %1 在 %3 中的目标端口为 %2，在 %5 中为 %4</translation>
    </message>
    <message>
        <source>%1 (headless)</source>
        <translation>%1（无头）</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Abnormal</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>The selector is %1 in %2 and %3 in %4</source>
        <translation>选择器在 %2 中为 %1，在 %4 中为 %3</translation>
    </message>
    <message>
        <source>The service is %1 in %2 and %3 in %4</source>
        <translation>服务在 %2 中为 %1，在 %4 中为 %3</translation>
    </message>
    <message>
        <source>No pod backs the service in any cluster</source>
        <translation>所有集群中都没有支撑该服务的 Pod</translation>
    </message>
    <message>
        <source>Its only pod has no sidecar</source>
        <translation>其唯一的 Pod 没有边车</translation>
    </message>
    <message>
        <source>None of its %1 pods has a sidecar</source>
        <translation>其 %1 个 Pod 都没有边车</translation>
    </message>
    <message>
        <source>%1 of %2 pods have no sidecar: %3</source>
        <translation>%2 个 Pod 中有 %1 个没有边车：%3</translation>
    </message>
    <message>
        <source>%1 cannot be selected as a port protocol</source>
        <translation>不能将 %1 选为端口协议</translation>
    </message>
    <message>
        <source>the service has no port %1</source>
        <translation>该服务没有端口 %1</translation>
    </message>
    <message>
        <source>port %1 is UDP, which Istio does not proxy</source>
        <translation>端口 %1 为 UDP，Istio 不代理 UDP</translation>
    </message>
    <message>
        <source>No problem found</source>
        <translation>未发现问题</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Injected</source>
        <translation>已注入</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>诊断</translation>
    </message>
</context>
<context>
    <name>md::sidecar</name>
    <message>
        <source>the namespace label %1 (it takes precedence over %2)</source>
        <translation>命名空间标签 %1（它优先于 %2）</translation>
    </message>
    <message>
        <source>the namespace label %1</source>
        <translation>命名空间标签 %1</translation>
    </message>
    <message>
        <source>the pod label %1</source>
        <translation>Pod 标签 %1</translation>
    </message>
    <message>
        <source>The pod has a sidecar, so ambient mode does not capture it although %1 is set.</source>
        <translation>该 Pod 已有边车，因此尽管设置了 %1，Ambient 模式也不会接管它。</translation>
    </message>
    <message>
        <source>Pod label %1 keeps the pod out of the namespace&apos;s ambient mode.</source>
        <translation>Pod 标签 %1 使该 Pod 不加入命名空间的 Ambient 模式。</translation>
    </message>
    <message>
        <source>Pod label %1 enrols the pod in ambient mode.</source>
        <translation>Pod 标签 %1 使该 Pod 加入 Ambient 模式。</translation>
    </message>
    <message>
        <source>Namespace label %1 enrols the pod in ambient mode.</source>
        <translation>命名空间标签 %1 使该 Pod 加入 Ambient 模式。</translation>
    </message>
    <message>
        <source>a label selector must be a mapping</source>
        <translation>标签选择器必须是映射</translation>
    </message>
    <message>
        <source>unknown operator &quot;%1&quot;</source>
        <translation>未知的运算符“%1”</translation>
    </message>
    <message>
        <source>the key is missing</source>
        <translation>缺少 key</translation>
    </message>
    <message>
        <source>the injector configuration must be a mapping</source>
        <translation>注入器配置必须是映射</translation>
    </message>
    <message>
        <source>%1 must be a list of label selectors</source>
        <translation>%1 必须是标签选择器列表</translation>
    </message>
    <message>
        <source>The pod uses the host network (hostNetwork: true): Istio never injects such pods.</source>
        <translation>该 Pod 使用主机网络（hostNetwork: true）：Istio 从不注入此类 Pod。</translation>
    </message>
    <message>
        <source>Pod label %1 overrides %2.</source>
        <translation>Pod 标签 %1 覆盖了%2。</translation>
    </message>
    <message>
        <source>Pod label %1 turns injection off.</source>
        <translation>Pod 标签 %1 关闭了注入。</translation>
    </message>
    <message>
        <source>Namespace label %1 wins over the pod label %2: no injector is called for this namespace.</source>
        <translation>命名空间标签 %1 优先于 Pod 标签 %2：不会为该命名空间调用注入器。</translation>
    </message>
    <message>
        <source>Namespace label %1 wins over %2: no injector is called for this namespace.</source>
        <translation>命名空间标签 %1 优先于 %2：不会为该命名空间调用注入器。</translation>
    </message>
    <message>
        <source>Namespace label %1 turns injection off for the namespace.</source>
        <translation>命名空间标签 %1 关闭了该命名空间的注入。</translation>
    </message>
    <message>
        <source>The deprecated pod annotation %1 is read only once a label selects the injector: namespace %2 has neither %3 nor %4, and the pod has no label %5 or %4.</source>
        <translation>已弃用的 Pod 注解 %1 只有在标签选中注入器后才会生效：命名空间 %2 既没有 %3 也没有 %4，且该 Pod 没有标签 %5 或 %4。</translation>
    </message>
    <message>
        <source>Namespace %1 has neither %2 nor %3, and the pod has no label %4 or %3.</source>
        <translation>命名空间 %1 既没有 %2 也没有 %3，且该 Pod 没有标签 %4 或 %3。</translation>
    </message>
    <message>
        <source>Selected by %1, but no injector of revision %2 runs in this cluster.</source>
        <translation>由%1选中，但该集群中没有修订版本 %2 的注入器在运行。</translation>
    </message>
    <message>
        <source>Namespace %1 is a Kubernetes system namespace: Istio&apos;s injector skips it.</source>
        <translation>命名空间 %1 是 Kubernetes 系统命名空间：Istio 注入器会跳过它。</translation>
    </message>
    <message>
        <source>Pod label %1 turns injection on (revision %2).</source>
        <translation>Pod 标签 %1 开启了注入（修订版本 %2）。</translation>
    </message>
    <message>
        <source>Selected by %1 (revision %2); the pod label %3 turns injection on.</source>
        <translation>由%1选中（修订版本 %2）；Pod 标签 %3 开启了注入。</translation>
    </message>
    <message>
        <source>Selected by %1 (revision %2); the deprecated pod annotation %3 turns injection on.</source>
        <translation>由%1选中（修订版本 %2）；已弃用的 Pod 注解 %3 开启了注入。</translation>
    </message>
    <message>
        <source>Pod label %1 overrides %2: any value but true, yes, y or on turns injection off.</source>
        <translation>Pod 标签 %1 覆盖了%2：除 true、yes、y、on 以外的任何值都会关闭注入。</translation>
    </message>
    <message>
        <source>The deprecated pod annotation %1 overrides %2.</source>
        <translation>已弃用的 Pod 注解 %1 覆盖了%2。</translation>
    </message>
    <message>
        <source>The pod&apos;s labels match the injector&apos;s neverInjectSelector (%1), which overrides %2.</source>
        <translation>该 Pod 的标签匹配注入器的 neverInjectSelector（%1），它覆盖了%2。</translation>
    </message>
    <message>
        <source>Selected by %1 (revision %2); the pod&apos;s labels match the injector&apos;s alwaysInjectSelector (%3).</source>
        <translation>由%1选中（修订版本 %2）；该 Pod 的标签匹配注入器的 alwaysInjectSelector（%3）。</translation>
    </message>
    <message>
        <source>Selected by %1 (revision %2); the pod does not set %3, so the mesh&apos;s default policy (enabled) injects it.</source>
        <translation>由%1选中（修订版本 %2）；该 Pod 未设置 %3，因此按网格的默认策略（enabled）注入。</translation>
    </message>
    <message>
        <source>Selected by %1, but the mesh&apos;s default policy is disabled and the pod does not set %2.</source>
        <translation>由%1选中，但网格的默认策略为 disabled，且该 Pod 未设置 %2。</translation>
    </message>
    <message>
        <source>The injector&apos;s policy &quot;%1&quot; is neither enabled nor disabled: istiod injects nothing.</source>
        <translation>注入器的策略“%1”既不是 enabled 也不是 disabled：istiod 不会注入任何 Pod。</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>%1 is not a Deployment, StatefulSet or DaemonSet</source>
        <translation>%1 不是 Deployment、StatefulSet 或 DaemonSet</translation>
    </message>
    <message>
        <source>The object</source>
        <translation>该对象</translation>
    </message>
    <message>
        <source>the object carries no resourceVersion</source>
        <translation>该对象没有 resourceVersion</translation>
    </message>
    <message>
        <source>the object is not a Namespace</source>
        <translation>该对象不是 Namespace</translation>
    </message>
    <message>
        <source>revision &quot;%1&quot; is longer than 63 characters</source>
        <translation>修订版本“%1”超过 63 个字符</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a Kubernetes quantity (for example 100m, 0.5, 128Mi, 1Gi)</source>
        <translation>%1：“%2”不是 Kubernetes 数量（例如 100m、0.5、128Mi、1Gi）</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is negative</source>
        <translation>%1：“%2”为负数</translation>
    </message>
    <message>
        <source>%1: entry %2 is empty</source>
        <translation>%1：第 %2 个条目为空</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a port (1-65535)</source>
        <translation>%1：“%2”不是端口（1-65535）</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; has no prefix length (write it as a CIDR, e.g. %2/32)</source>
        <translation>%1：“%2”缺少前缀长度（请写成 CIDR，例如 %2/32）</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a CIDR range</source>
        <translation>%1：“%2”不是 CIDR 范围</translation>
    </message>
    <message>
        <source>the CPU request %1 is above its limit %2</source>
        <translation>CPU 请求 %1 高于其限制 %2</translation>
    </message>
    <message>
        <source>the memory request %1 is above its limit %2</source>
        <translation>内存请求 %1 高于其限制 %2</translation>
    </message>
    <message>
        <source>in: %1</source>
        <translation>入站：%1</translation>
    </message>
    <message>
        <source>out: %1</source>
        <translation>出站：%1</translation>
    </message>
    <message>
        <source>out IPs: %1</source>
        <translation>出站 IP：%1</translation>
    </message>
    <message>
        <source>Ambient (waypoint %1)</source>
        <translation>Ambient（waypoint %1）</translation>
    </message>
    <message>
        <source>%1 of %2 pods run a sidecar</source>
        <translation>%2 个 Pod 中有 %1 个运行边车</translation>
    </message>
    <message>
        <source>Sidecar CPU request / limit (annotations %1, %2)</source>
        <translation>边车 CPU 请求 / 限制（注解 %1、%2）</translation>
    </message>
    <message>
        <source>Sidecar memory request / limit (annotations %1, %2)</source>
        <translation>边车内存请求 / 限制（注解 %1、%2）</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>工作负载</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Injected pods</source>
        <translation>已注入 Pod</translation>
    </message>
    <message>
        <source>Sidecar versions</source>
        <translation>边车版本</translation>
    </message>
    <message>
        <source>CPU req / limit</source>
        <translation>CPU 请求 / 限制</translation>
    </message>
    <message>
        <source>Memory req / limit</source>
        <translation>内存请求 / 限制</translation>
    </message>
    <message>
        <source>Traffic passthrough</source>
        <translation>流量透传</translation>
    </message>
    <message>
        <source>%1 (system)</source>
        <translation>%1（系统）</translation>
    </message>
    <message>
        <source>, ambient</source>
        <translation>，Ambient</translation>
    </message>
    <message>
        <source>Neither %1 nor %2 is set: pods are injected only when their own label asks for it.</source>
        <translation>%1 和 %2 均未设置：只有 Pod 自身的标签要求时才会注入。</translation>
    </message>
    <message>
        <source>Set by the namespace label %1.</source>
        <translation>由命名空间标签 %1 设置。</translation>
    </message>
    <message>
        <source>%1 pods run with a sidecar state that differs from what injection decides now: restart their workloads.</source>
        <translation>%1 个 Pod 的边车状态与当前注入决定不一致：请重启其工作负载。</translation>
    </message>
    <message>
        <source>Injection policy</source>
        <translation>注入策略</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Waiting for restart</source>
        <translation>等待重启</translation>
    </message>
    <message>
        <source>Workloads</source>
        <translation>工作负载</translation>
    </message>
    <message>
        <source>%1 of %2 pods run without a sidecar: restart the workload to inject them.</source>
        <translation>%2 个 Pod 中有 %1 个未运行边车：重启工作负载以注入。</translation>
    </message>
    <message>
        <source>%1 of %2 pods still run a sidecar: restart the workload to remove it.</source>
        <translation>%2 个 Pod 中有 %1 个仍在运行边车：重启工作负载以移除。</translation>
    </message>
    <message>
        <source>Injected</source>
        <translation>已注入</translation>
    </message>
    <message>
        <source>Not injected</source>
        <translation>未注入</translation>
    </message>
    <message>
        <source>Pending restart</source>
        <translation>待重启</translation>
    </message>
    <message>
        <source>Ambient</source>
        <translation>Ambient</translation>
    </message>
    <message>
        <source>ConfigMap %1/%2: %3</source>
        <translation>ConfigMap %1/%2：%3</translation>
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
    <name>md::ui::ConflictDialog</name>
    <message>
        <source>(absent)</source>
        <translation>（不存在）</translation>
    </message>
    <message>
        <source>Conflict: %1</source>
        <translation>冲突：%1</translation>
    </message>
    <message>
        <source>%1 was deleted after you started editing it. Applying creates it again with your edit.</source>
        <translation>%1 在您开始编辑后已被删除。应用将按您的编辑重新创建它。</translation>
    </message>
    <message>
        <source>Someone changed %1 after you started editing it. Choose per change whose value to keep: theirs (live now) or yours. Conflicting changes keep theirs until you choose.</source>
        <translation>在您开始编辑后，有人修改了 %1。请逐项选择保留谁的值：他人的（当前线上）或您的。在您选择之前，冲突的更改保留他人的值。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>You started from</source>
        <translation>您开始时的版本</translation>
    </message>
    <message>
        <source>Live now (theirs)</source>
        <translation>当前线上（他人）</translation>
    </message>
    <message>
        <source>Your edit</source>
        <translation>您的编辑</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>他人的</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Take all theirs</source>
        <translation>全部采用他人的</translation>
    </message>
    <message>
        <source>Take all mine</source>
        <translation>全部采用我的</translation>
    </message>
    <message>
        <source>Re-base my edit on live</source>
        <translation>将我的编辑变基到线上对象</translation>
    </message>
    <message>
        <source>Apply every change of yours on top of the live object</source>
        <translation>在线上对象之上应用您的每一项更改</translation>
    </message>
    <message>
        <source>Live now</source>
        <translation>当前线上</translation>
    </message>
    <message>
        <source>Result to apply</source>
        <translation>将要应用的结果</translation>
    </message>
    <message>
        <source>Use this result</source>
        <translation>使用此结果</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s); </source>
        <translation>
            <numerusform>%n 处冲突；</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) of yours kept</source>
        <translation>
            <numerusform>保留了您的 %n 项更改</numerusform>
        </translation>
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
    <name>md::ui::DeleteDialog</name>
    <message numerus="yes">
        <source>Delete %n object(s)</source>
        <translation>
            <numerusform>删除 %n 个对象</numerusform>
        </translation>
    </message>
    <message>
        <source>Looking for objects that refer to these…</source>
        <translation>正在查找引用这些对象的对象…</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation>查找中…</translation>
    </message>
    <message>
        <source>Does not exist</source>
        <translation>不存在</translation>
    </message>
    <message>
        <source>Nothing refers to it</source>
        <translation>没有对象引用它</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) refer to it</source>
        <translation>
            <numerusform>有 %n 个对象引用它</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2（%3）</translation>
    </message>
    <message numerus="yes">
        <source>Other objects refer to %n of these. Deleting them breaks those references. Delete anyway?</source>
        <translation>
            <numerusform>其中 %n 个对象被其他对象引用。删除将破坏这些引用。仍要删除吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing refers to these objects. Delete them?</source>
        <translation>没有对象引用这些对象。要删除吗？</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>正在删除…</translation>
    </message>
</context>
<context>
    <name>md::ui::DiffModel</name>
    <message>
        <source>Live</source>
        <translation>线上</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>已编辑</translation>
    </message>
</context>
<context>
    <name>md::ui::DraftsDialog</name>
    <message>
        <source>Restore drafts</source>
        <translation>恢复草稿</translation>
    </message>
    <message numerus="yes">
        <source>MeshDesk kept %n edit(s) that were not applied when it last closed. Restore them in the editor, or discard them.</source>
        <translation>
            <numerusform>MeshDesk 上次关闭时保留了 %n 个未应用的编辑。可在编辑器中恢复，或丢弃它们。</numerusform>
        </translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Mesh</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <source>New %1</source>
        <translation>新建 %1</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Keep the drafts and ask again at the next start</source>
        <translation>保留草稿，下次启动时再询问</translation>
    </message>
</context>
<context>
    <name>md::ui::DriftPage</name>
    <message>
        <source>Pick an object to compare its copies.</source>
        <translation>请选择一个对象以比较其各副本。</translation>
    </message>
    <message>
        <source>Copy this version to the other clusters…</source>
        <translation>将此版本复制到其他集群…</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1（缺失）</translation>
    </message>
    <message>
        <source>%1 has no copy of this object.</source>
        <translation>%1 中没有该对象的副本。</translation>
    </message>
    <message>
        <source>Pick two different clusters to compare.</source>
        <translation>请选择两个不同的集群进行比较。</translation>
    </message>
    <message>
        <source>Same in %1 and %2 (server-set fields and key order ignored).</source>
        <translation>%1 与 %2 中相同（已忽略服务器设置的字段和键的顺序）。</translation>
    </message>
    <message>
        <source>%1 and %2 differ: %3 lines only in %1, %4 only in %2.</source>
        <translation>%1 与 %2 不一致：%3 行仅在 %1 中，%4 行仅在 %2 中。</translation>
    </message>
    <message>
        <source>Copy %1&apos;s version to the other clusters…</source>
        <translation>将 %1 的版本复制到其他集群…</translation>
    </message>
    <message>
        <source>Every other cluster already has this version.</source>
        <translation>其他所有集群都已是该版本。</translation>
    </message>
    <message>
        <source>No mesh selected.
Pick a mesh in the toolbar to compare its clusters.</source>
        <translation>未选择网格。
请在工具栏中选择一个网格以比较其集群。</translation>
    </message>
    <message>
        <source>Mesh %1 has one cluster: there is nothing to compare.</source>
        <translation>网格 %1 只有一个集群：没有可比较的内容。</translation>
    </message>
    <message>
        <source>Comparing the clusters of mesh %1…</source>
        <translation>正在比较网格 %1 的各集群…</translation>
    </message>
    <message numerus="yes">
        <source>No object matches the filter: the %n object(s) held by several clusters are in sync.</source>
        <translation>
            <numerusform>没有对象符合筛选条件：多个集群共有的 %n 个对象均已同步。</numerusform>
        </translation>
    </message>
    <message>
        <source>No object matches &quot;%1&quot;.</source>
        <translation>没有对象匹配“%1”。</translation>
    </message>
    <message>
        <source>No Istio object is held by more than one cluster of mesh %1.
Clusters: %2.</source>
        <translation>网格 %1 中没有被多个集群同时持有的 Istio 对象。
集群：%2。</translation>
    </message>
    <message>
        <source>%1 in sync, %2 differ, %3 missing somewhere</source>
        <translation>%1 个已同步，%2 个不一致，%3 个在某些集群中缺失</translation>
    </message>
    <message>
        <source>Differing only</source>
        <translation>仅显示不一致</translation>
    </message>
    <message>
        <source>Hide the objects whose copies are the same everywhere</source>
        <translation>隐藏在各处副本都相同的对象</translation>
    </message>
    <message>
        <source>Objects in one cluster too</source>
        <translation>包括仅在一个集群中的对象</translation>
    </message>
    <message>
        <source>Also list the objects only one cluster holds (to copy them to the others)</source>
        <translation>同时列出仅由一个集群持有的对象（以便复制到其他集群）</translation>
    </message>
    <message>
        <source>Search kind, namespace, name</source>
        <translation>搜索类型、命名空间、名称</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>with</source>
        <translation>与</translation>
    </message>
    <message>
        <source>Write the left cluster&apos;s version to every cluster whose copy differs or is missing, through the review (one per cluster)</source>
        <translation>通过审阅（每个集群一次）将左侧集群的版本写入副本不一致或缺失的每个集群</translation>
    </message>
</context>
<context>
    <name>md::ui::EditorSession</name>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <source>%1 %2/%3 does not exist in %4.</source>
        <translation>%1 %2/%3 在 %4 中不存在。</translation>
    </message>
</context>
<context>
    <name>md::ui::EditorWindow</name>
    <message>
        <source>Policy editor — MeshDesk</source>
        <translation>策略编辑器 — MeshDesk</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>编辑器</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>撤销 (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>重做 (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>Save the draft (Ctrl+S); drafts are also saved as you type</source>
        <translation>保存草稿 (Ctrl+S)；输入时也会自动保存草稿</translation>
    </message>
    <message>
        <source>Review &amp;&amp; Apply…</source>
        <translation>审查并应用…</translation>
    </message>
    <message>
        <source>Review the change, dry-run it and apply it (Ctrl+Enter)</source>
        <translation>审查变更、试运行并应用 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Target cluster:</source>
        <translation>目标集群：</translation>
    </message>
    <message>
        <source>Where new objects are written. Policies written to the control-plane cluster take effect for the entire mesh.</source>
        <translation>新对象写入的位置。写入控制面集群的策略对整个网格生效。</translation>
    </message>
    <message>
        <source>Draft saved</source>
        <translation>草稿已保存</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message>
        <source>(control plane)</source>
        <translation>（控制面）</translation>
    </message>
    <message>
        <source>(not connected)</source>
        <translation>（未连接）</translation>
    </message>
    <message>
        <source>Close %1</source>
        <translation>关闭 %1</translation>
    </message>
    <message>
        <source>%1 has changes that were not applied.</source>
        <translation>%1 有尚未应用的更改。</translation>
    </message>
    <message>
        <source>Keep them as a draft to continue later, or discard them?</source>
        <translation>保留为草稿以便稍后继续，还是丢弃？</translation>
    </message>
    <message>
        <source>Keep Draft</source>
        <translation>保留草稿</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审查</translation>
    </message>
    <message>
        <source>The text cannot be applied: %1</source>
        <translation>该文本无法应用：%1</translation>
    </message>
</context>
<context>
    <name>md::ui::Editors</name>
    <message>
        <source>New VirtualService…</source>
        <translation>新建 VirtualService…</translation>
    </message>
    <message>
        <source>Traffic management</source>
        <translation>流量治理</translation>
    </message>
    <message>
        <source>New DestinationRule…</source>
        <translation>新建 DestinationRule…</translation>
    </message>
    <message>
        <source>New Gateway…</source>
        <translation>新建 Gateway…</translation>
    </message>
    <message>
        <source>New ServiceEntry…</source>
        <translation>新建 ServiceEntry…</translation>
    </message>
    <message>
        <source>Service management</source>
        <translation>服务管理</translation>
    </message>
    <message>
        <source>New PeerAuthentication…</source>
        <translation>新建 PeerAuthentication…</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>New RequestAuthentication…</source>
        <translation>新建 RequestAuthentication…</translation>
    </message>
    <message>
        <source>New AuthorizationPolicy…</source>
        <translation>新建 AuthorizationPolicy…</translation>
    </message>
    <message>
        <source>%1 cannot be exported: %2</source>
        <translation>%1 无法导出：%2</translation>
    </message>
    <message>
        <source>There is nothing to export: open objects in the editor, or select a mesh with Istio policies.</source>
        <translation>没有可导出的内容：请在编辑器中打开对象，或选择一个包含 Istio 策略的网格。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Policy editor</source>
        <translation>策略编辑器</translation>
    </message>
    <message>
        <source>No object is open in the editor.</source>
        <translation>编辑器中没有打开的对象。</translation>
    </message>
    <message>
        <source>Import YAML…</source>
        <translation>导入 YAML…</translation>
    </message>
    <message>
        <source>Export YAML…</source>
        <translation>导出 YAML…</translation>
    </message>
    <message>
        <source>Export YAML</source>
        <translation>导出 YAML</translation>
    </message>
    <message>
        <source>YAML (*.yaml *.yml)</source>
        <translation>YAML (*.yaml *.yml)</translation>
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
    <name>md::ui::GatewayDelete</name>
    <message>
        <source>Deployment %1/%2</source>
        <translation>Deployment %1/%2</translation>
    </message>
    <message>
        <source>Service %1/%2</source>
        <translation>Service %1/%2</translation>
    </message>
    <message>
        <source>ServiceAccount %1/%2</source>
        <translation>ServiceAccount %1/%2</translation>
    </message>
    <message>
        <source>Delete gateway %1</source>
        <translation>删除网关 %1</translation>
    </message>
    <message>
        <source>Delete the gateway %1 from cluster %2? These objects are deleted:
%3</source>
        <translation>从集群 %2 删除网关 %1？将删除以下对象：
%3</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>No Gateway object selects this gateway&apos;s pods.</source>
        <translation>没有 Gateway 对象选择该网关的 Pod。</translation>
    </message>
    <message numerus="yes">
        <source>%n Gateway object(s) select this gateway&apos;s pods (labels %1). Without another deployment with these labels, their servers stop receiving traffic:</source>
        <translation>
            <numerusform>%n 个 Gateway 对象选择该网关的 Pod（标签 %1）。若没有其他带这些标签的部署，它们的服务器将不再接收流量：</numerusform>
        </translation>
    </message>
    <message>
        <source>Review delete…</source>
        <translation>审阅删除…</translation>
    </message>
</context>
<context>
    <name>md::ui::GatewayDialog</name>
    <message>
        <source>line %1: write key: value</source>
        <translation>第 %1 行：请写成 key: value</translation>
    </message>
    <message>
        <source>New mesh gateway</source>
        <translation>新建网格网关</translation>
    </message>
    <message>
        <source>Edit mesh gateway</source>
        <translation>编辑网格网关</translation>
    </message>
    <message>
        <source>e.g. 100m or 2</source>
        <translation>例如 100m 或 2</translation>
    </message>
    <message>
        <source>e.g. 128Mi or 1Gi</source>
        <translation>例如 128Mi 或 1Gi</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Target port</source>
        <translation>目标端口</translation>
    </message>
    <message>
        <source>Node port</source>
        <translation>节点端口</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>key: value, one per line (e.g. service.beta.kubernetes.io/aws-load-balancer-type: nlb)</source>
        <translation>key: value，每行一个（例如 service.beta.kubernetes.io/aws-load-balancer-type: nlb）</translation>
    </message>
    <message>
        <source>key: value, one per line</source>
        <translation>key: value，每行一个</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>审阅…</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Cluster:</source>
        <translation>集群(&amp;C)：</translation>
    </message>
    <message>
        <source>Na&amp;mespace:</source>
        <translation>命名空间(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Replicas:</source>
        <translation>副本数(&amp;R)：</translation>
    </message>
    <message>
        <source>Pod annotations:</source>
        <translation>Pod 注解：</translation>
    </message>
    <message>
        <source>Proxy resources</source>
        <translation>代理资源</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Requests:</source>
        <translation>请求：</translation>
    </message>
    <message>
        <source>Limits:</source>
        <translation>限制：</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>类型(&amp;Y)：</translation>
    </message>
    <message>
        <source>Add port</source>
        <translation>添加端口</translation>
    </message>
    <message>
        <source>Remove port</source>
        <translation>删除端口</translation>
    </message>
    <message>
        <source>Ports:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Annotations:</source>
        <translation>注解：</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number</source>
        <translation>“%1”不是数字</translation>
    </message>
</context>
<context>
    <name>md::ui::GatewaysPage</name>
    <message>
        <source>Deployment %1/%2 is no longer in cluster %3.</source>
        <translation>Deployment %1/%2 已不在集群 %3 中。</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>没有任何更改。</translation>
    </message>
    <message numerus="yes">
        <source>%n gateway(s)</source>
        <translation>
            <numerusform>%n 个网关</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n gateway(s)</source>
        <translation>
            <numerusform>%1 / %n 个网关</numerusform>
        </translation>
    </message>
    <message>
        <source>Mesh gateways are not managed for external meshes</source>
        <translation>外接网格的网关不由 MeshDesk 管理</translation>
    </message>
    <message>
        <source>Mesh %1 is an Istio you installed and manage yourself: deploy and change its gateways with your own tools.</source>
        <translation>网格 %1 是您自行安装和管理的 Istio：请用您自己的工具部署和修改它的网关。</translation>
    </message>
    <message>
        <source>No mesh selected</source>
        <translation>未选择网格</translation>
    </message>
    <message>
        <source>Pick a mesh in the toolbar, or keep one on the Mesh clusters page, to list its gateways.</source>
        <translation>在工具栏中选择一个网格，或在“网格集群”页面保存一个网格，以列出其网关。</translation>
    </message>
    <message>
        <source>Loading gateways…</source>
        <translation>正在加载网关…</translation>
    </message>
    <message>
        <source>Reading the deployments of %1.</source>
        <translation>正在读取 %1 的 Deployment。</translation>
    </message>
    <message>
        <source>No gateways in mesh %1</source>
        <translation>网格 %1 中没有网关</translation>
    </message>
    <message>
        <source>No deployment in %1 runs an Istio ingress or egress gateway.</source>
        <translation>%1 中没有运行 Istio 入口或出口网关的 Deployment。</translation>
    </message>
    <message>
        <source>Not connected: %1. Their gateways are missing or may be stale.</source>
        <translation>未连接：%1。这些集群的网关缺失或可能已过时。</translation>
    </message>
    <message>
        <source>New gateway…</source>
        <translation>新建网关…</translation>
    </message>
    <message>
        <source>Create an ingress or egress gateway: its Deployment, Service and ServiceAccount, through the review</source>
        <translation>创建入口或出口网关：经审阅后创建其 Deployment、Service 和 ServiceAccount</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Change replicas, proxy resources, Service type, ports and annotations</source>
        <translation>修改副本数、代理资源、Service 类型、端口和注解</translation>
    </message>
    <message>
        <source>Replicas:</source>
        <translation>副本数：</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>扩缩容</translation>
    </message>
    <message>
        <source>Set the selected gateway&apos;s replicas, through the review</source>
        <translation>经审阅后设置所选网关的副本数</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected gateway, after listing the Gateways that select it (Del)</source>
        <translation>列出选择它的 Gateway 后删除所选网关（Del）</translation>
    </message>
    <message>
        <source>Search name, ports, addresses</source>
        <translation>搜索名称、端口、地址</translation>
    </message>
</context>
<context>
    <name>md::ui::HistoryPage</name>
    <message>
        <source>Revert…</source>
        <translation>回滚…</translation>
    </message>
    <message>
        <source>Filter by object (kind, namespace or name)</source>
        <translation>按对象筛选（类型、命名空间或名称）</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>任意时间</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>最近一小时</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Write the object back as it was before this change (through the review)</source>
        <translation>将对象写回此变更之前的状态（经过审查）</translation>
    </message>
    <message>
        <source>Cluster:</source>
        <translation>集群：</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>The journal is not available (the app&apos;s database could not be opened).</source>
        <translation>操作日志不可用（无法打开应用数据库）。</translation>
    </message>
    <message>
        <source>Cannot read the journal: %1</source>
        <translation>无法读取操作日志：%1</translation>
    </message>
    <message>
        <source>All clusters</source>
        <translation>所有集群</translation>
    </message>
    <message>
        <source>Nothing was applied yet. Every change MeshDesk applies or deletes is recorded here, with before and after.</source>
        <translation>尚未应用任何变更。MeshDesk 应用或删除的每项变更都会连同前后内容记录在此。</translation>
    </message>
    <message>
        <source>No change matches the filter.</source>
        <translation>没有与筛选条件匹配的变更。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n 项变更</numerusform>
        </translation>
    </message>
    <message>
        <source>Fetching the live %1…</source>
        <translation>正在获取线上的 %1…</translation>
    </message>
    <message>
        <source>Cannot revert: %1</source>
        <translation>无法回滚：%1</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>回滚</translation>
    </message>
    <message>
        <source>Revert: review</source>
        <translation>回滚：审查</translation>
    </message>
</context>
<context>
    <name>md::ui::ImportDialog</name>
    <message>
        <source>Import YAML</source>
        <translation>导入 YAML</translation>
    </message>
    <message>
        <source>Paste Kubernetes objects (separated by ---) or open a file. They are validated together, shown in one review and applied in order: Gateways and DestinationRules before the VirtualServices that use them.</source>
        <translation>粘贴 Kubernetes 对象（以 --- 分隔）或打开文件。它们会一起校验、在一次审查中展示，并按顺序应用：先 Gateway 和 DestinationRule，再使用它们的 VirtualService。</translation>
    </message>
    <message>
        <source>default</source>
        <translation>default</translation>
    </message>
    <message>
        <source>For objects that do not name their namespace</source>
        <translation>用于未指定命名空间的对象</translation>
    </message>
    <message>
        <source>Namespace for objects without one:</source>
        <translation>未指定命名空间的对象使用：</translation>
    </message>
    <message>
        <source>Open File…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>审查…</translation>
    </message>
    <message>
        <source>YAML or JSON (*.yaml *.yml *.json);;All files (*)</source>
        <translation>YAML 或 JSON (*.yaml *.yml *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>md::ui::JournalModel</name>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作者</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
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
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
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
    <message>
        <source>Optional: the Metrics page links to Istio&apos;s Grafana dashboards there for the same object and time range</source>
        <translation>可选：指标页面会链接到此处 Istio 的 Grafana 仪表板，显示同一对象和时间范围</translation>
    </message>
    <message>
        <source>&amp;Grafana URL:</source>
        <translation>&amp;Grafana URL：</translation>
    </message>
</context>
<context>
    <name>md::ui::MeshListPage</name>
    <message>
        <source>All clusters</source>
        <translation>所有集群</translation>
    </message>
    <message>
        <source>All namespaces</source>
        <translation>所有命名空间</translation>
    </message>
</context>
<context>
    <name>md::ui::MeshMetricStrip</name>
    <message>
        <source>requests per second</source>
        <translation>每秒请求数</translation>
    </message>
    <message>
        <source>success rate (non-5xx)</source>
        <translation>成功率（非 5xx）</translation>
    </message>
    <message>
        <source>Top services by request rate</source>
        <translation>请求速率最高的服务</translation>
    </message>
    <message>
        <source>No mesh selected.</source>
        <translation>未选择网格。</translation>
    </message>
    <message>
        <source>Mesh %1 has no Prometheus URL (Edit Mesh…, Ctrl+Shift+E).</source>
        <translation>网格 %1 没有 Prometheus URL（编辑网格…，Ctrl+Shift+E）。</translation>
    </message>
    <message>
        <source>Connecting to Prometheus…</source>
        <translation>正在连接 Prometheus…</translation>
    </message>
    <message>
        <source>Prometheus error: %1</source>
        <translation>Prometheus 错误：%1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>req/s</source>
        <translation>请求/秒</translation>
    </message>
    <message>
        <source>5xx</source>
        <translation>5xx</translation>
    </message>
    <message>
        <source>P95</source>
        <translation>P95</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
</context>
<context>
    <name>md::ui::MeshPrometheus</name>
    <message>
        <source>Cannot read the Prometheus token of mesh %1 from the keychain: %2</source>
        <translation>无法从钥匙串读取网格 %1 的 Prometheus 令牌：%2</translation>
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
    <name>md::ui::MetadataDialog</name>
    <message>
        <source>Labels and annotations of %1</source>
        <translation>%1 的标签和注解</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>审阅…</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Add label</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>注解</translation>
    </message>
    <message>
        <source>Add annotation</source>
        <translation>添加注解</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>md::ui::MetricChart</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No data in this time range</source>
        <translation>此时间范围内没有数据</translation>
    </message>
</context>
<context>
    <name>md::ui::MetricsPage</name>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>Export as CSV</source>
        <translation>导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Request volume (req/s)</source>
        <translation>请求量（请求/秒）</translation>
    </message>
    <message>
        <source>Success rate (non-5xx)</source>
        <translation>成功率（非 5xx）</translation>
    </message>
    <message>
        <source>4xx responses (req/s)</source>
        <translation>4xx 响应（请求/秒）</translation>
    </message>
    <message>
        <source>5xx responses (req/s)</source>
        <translation>5xx 响应（请求/秒）</translation>
    </message>
    <message>
        <source>Request duration (ms)</source>
        <translation>请求时长（毫秒）</translation>
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
        <source>TCP received (bytes/s)</source>
        <translation>TCP 接收（字节/秒）</translation>
    </message>
    <message>
        <source>TCP sent (bytes/s)</source>
        <translation>TCP 发送（字节/秒）</translation>
    </message>
    <message>
        <source>TCP connections (per s)</source>
        <translation>TCP 连接（每秒）</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 req/s</source>
        <translation>%1 请求/秒</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>%1 conn/s</source>
        <translation>%1 连接/秒</translation>
    </message>
    <message>
        <source>Mesh</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>工作负载</translation>
    </message>
    <message>
        <source>What the dashboards show</source>
        <translation>仪表板显示的内容</translation>
    </message>
    <message>
        <source>namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>All clusters</source>
        <translation>所有集群</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>入站</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>出站</translation>
    </message>
    <message>
        <source>No split</source>
        <translation>不拆分</translation>
    </message>
    <message>
        <source>By source</source>
        <translation>按来源</translation>
    </message>
    <message>
        <source>By destination</source>
        <translation>按目标</translation>
    </message>
    <message>
        <source>By version</source>
        <translation>按版本</translation>
    </message>
    <message>
        <source>By response code</source>
        <translation>按响应码</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save the data of every chart as CSV</source>
        <translation>将每个图表的数据保存为 CSV</translation>
    </message>
    <message>
        <source>Open in Grafana</source>
        <translation>在 Grafana 中打开</translation>
    </message>
    <message>
        <source>Istio&apos;s own dashboard for the same object and time range</source>
        <translation>同一对象和时间范围的 Istio 自带仪表板</translation>
    </message>
    <message>
        <source>No mesh selected. Select a mesh in the toolbar&apos;s mesh selector, or create one on the Mesh clusters page.</source>
        <translation>未选择网格。请在工具栏的网格选择器中选择网格，或在“网格集群”页面创建一个。</translation>
    </message>
    <message>
        <source>Mesh %1 has no Prometheus URL. The dashboards read Istio&apos;s metrics from Prometheus: set its URL with Edit Mesh… (Ctrl+Shift+E) on the Mesh clusters page.</source>
        <translation>网格 %1 没有 Prometheus URL。仪表板从 Prometheus 读取 Istio 指标：请在“网格集群”页面通过“编辑网格…”（Ctrl+Shift+E）设置其 URL。</translation>
    </message>
    <message>
        <source>Connecting to Prometheus…</source>
        <translation>正在连接 Prometheus…</translation>
    </message>
    <message>
        <source>Choose a namespace and a %1.</source>
        <translation>请选择命名空间和%1。</translation>
    </message>
    <message>
        <source>service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>workload</source>
        <translation>工作负载</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Prometheus error: %1</source>
        <translation>Prometheus 错误：%1</translation>
    </message>
</context>
<context>
    <name>md::ui::MonitorControls</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Load the data again (F5)</source>
        <translation>重新加载数据（F5）</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
</context>
<context>
    <name>md::ui::MonitorSettings</name>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>最近 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last %n hour(s)</source>
        <translation>
            <numerusform>最近 %n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last %n minute(s)</source>
        <translation>
            <numerusform>最近 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh: off</source>
        <translation>刷新：关闭</translation>
    </message>
    <message numerus="yes">
        <source>Refresh: every %n minute(s)</source>
        <translation>
            <numerusform>刷新：每 %n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refresh: every %n second(s)</source>
        <translation>
            <numerusform>刷新：每 %n 秒</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>md::ui::NamespaceSidecarPage</name>
    <message>
        <source>namespaces</source>
        <translation>个命名空间</translation>
    </message>
    <message>
        <source>Enable injection</source>
        <translation>启用注入</translation>
    </message>
    <message>
        <source>Label the selected namespaces istio-injection=enabled (Ctrl+E). Running pods get a sidecar when they restart.</source>
        <translation>为所选命名空间添加标签 istio-injection=enabled（Ctrl+E）。运行中的 Pod 重启后才会注入边车。</translation>
    </message>
    <message>
        <source>Disable injection</source>
        <translation>禁用注入</translation>
    </message>
    <message>
        <source>Label the selected namespaces istio-injection=disabled (Ctrl+Shift+E); it wins over pod labels and istio.io/rev.</source>
        <translation>为所选命名空间添加标签 istio-injection=disabled（Ctrl+Shift+E）；它优先于 Pod 标签和 istio.io/rev。</translation>
    </message>
    <message>
        <source>Clear policy</source>
        <translation>清除策略</translation>
    </message>
    <message>
        <source>Remove istio-injection and istio.io/rev from the selected namespaces.</source>
        <translation>从所选命名空间移除 istio-injection 和 istio.io/rev 标签。</translation>
    </message>
    <message>
        <source>Search namespaces and labels (Ctrl+F)</source>
        <translation>搜索命名空间和标签（Ctrl+F）</translation>
    </message>
    <message>
        <source>Show system namespaces</source>
        <translation>显示系统命名空间</translation>
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
    <name>md::ui::OverviewPage</name>
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
        <source>No mesh selected</source>
        <translation>未选择网格</translation>
    </message>
    <message>
        <source>Pick a mesh in the toolbar, or keep the clusters of a detected mesh on the Mesh clusters page.</source>
        <translation>请在工具栏中选择一个网格，或在“网格集群”页面保留检测到的网格的集群。</translation>
    </message>
    <message>
        <source>Mesh %1</source>
        <translation>网格 %1</translation>
    </message>
    <message>
        <source>%1 mesh · control plane %2 · root namespace %3</source>
        <translation>%1网格 · 控制面 %2 · 根命名空间 %3</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source> (%1 ms)</source>
        <translation>（%1 毫秒）</translation>
    </message>
    <message>
        <source>control plane</source>
        <translation>控制面</translation>
    </message>
    <message>
        <source>member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <source>%1: no istiod (%2)</source>
        <translation>%1：无 istiod（%2）</translation>
    </message>
    <message>
        <source>%1: unknown (%2)</source>
        <translation>%1：未知（%2）</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>clusters connected</source>
        <translation>个集群已连接</translation>
    </message>
    <message>
        <source>several Istio versions in one mesh</source>
        <translation>同一网格中有多个 Istio 版本</translation>
    </message>
    <message>
        <source>Istio version</source>
        <translation>Istio 版本</translation>
    </message>
    <message>
        <source>loading</source>
        <translation>加载中</translation>
    </message>
    <message>
        <source>services healthy</source>
        <translation>个服务健康</translation>
    </message>
    <message>
        <source>%1 with warnings</source>
        <translation>%1 个有警告</translation>
    </message>
    <message>
        <source>%1 abnormal</source>
        <translation>%1 个异常</translation>
    </message>
    <message>
        <source>workloads with sidecars</source>
        <translation>个工作负载有边车</translation>
    </message>
    <message>
        <source>Deployments, StatefulSets and DaemonSets outside the system namespaces</source>
        <translation>系统命名空间之外的 Deployment、StatefulSet 和 DaemonSet</translation>
    </message>
    <message>
        <source>pods with sidecars</source>
        <translation>个 Pod 有边车</translation>
    </message>
    <message>
        <source>%1 running</source>
        <translation>%1 个运行中</translation>
    </message>
    <message>
        <source>sidecar %1: %2 pods</source>
        <translation>边车 %1：%2 个 Pod</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>ingress · egress gateways</source>
        <translation>入口 · 出口网关</translation>
    </message>
    <message>
        <source>%1 %2 (%3): %4/%5 ready</source>
        <translation>%1 %2（%3）：%4/%5 就绪</translation>
    </message>
    <message>
        <source>egress</source>
        <translation>出口</translation>
    </message>
    <message>
        <source>ingress</source>
        <translation>入口</translation>
    </message>
    <message>
        <source>No gateway deployments</source>
        <translation>没有网关部署</translation>
    </message>
    <message>
        <source>policies, no problems found</source>
        <translation>个策略，未发现问题</translation>
    </message>
    <message>
        <source>policies; live checks: %1, %2</source>
        <translation>个策略；实时检查：%1，%2</translation>
    </message>
    <message>
        <source>Mesh %1 has no Prometheus: set its URL with Edit Mesh… to see requests, success rate and the busiest services here.</source>
        <translation>网格 %1 没有 Prometheus：通过“编辑网格…”设置其 URL，即可在此查看请求量、成功率和最繁忙的服务。</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>降级</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>不可达</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source> (selected)</source>
        <translation>（已选择）</translation>
    </message>
    <message>
        <source>Select the mesh to count its pods</source>
        <translation>选择该网格以统计其 Pod</translation>
    </message>
    <message>
        <source>Select mesh</source>
        <translation>选择网格</translation>
    </message>
    <message>
        <source>Remove mesh</source>
        <translation>移除网格</translation>
    </message>
    <message>
        <source>Remove mesh %1 from MeshDesk?</source>
        <translation>从 MeshDesk 中移除网格 %1？</translation>
    </message>
    <message>
        <source>Its clusters and their Istio are left as they are; only the mesh&apos;s settings and its keychain secrets are removed.</source>
        <translation>其集群及其中的 Istio 保持不变；只会移除该网格的设置及其钥匙串中的密钥。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Workloads</source>
        <translation>工作负载</translation>
    </message>
    <message>
        <source>Pods and sidecars</source>
        <translation>Pod 与边车</translation>
    </message>
    <message>
        <source>Gateways</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>Istio versions</source>
        <translation>Istio 版本</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>流量</translation>
    </message>
    <message>
        <source>Meshes</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Control plane</source>
        <translation>控制面</translation>
    </message>
    <message>
        <source>Clusters healthy</source>
        <translation>健康集群</translation>
    </message>
    <message>
        <source>Injected pods</source>
        <translation>已注入 Pod</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
</context>
<context>
    <name>md::ui::PassthroughDialog</name>
    <message>
        <source>Traffic passthrough</source>
        <translation>流量透传</translation>
    </message>
    <message numerus="yes">
        <source>Traffic passthrough of %n workloads</source>
        <translation>
            <numerusform>%n 个工作负载的流量透传</numerusform>
        </translation>
    </message>
    <message>
        <source>Inbound ports:</source>
        <translation>入站端口：</translation>
    </message>
    <message>
        <source>Outbound ports:</source>
        <translation>出站端口：</translation>
    </message>
    <message>
        <source>Outbound IP ranges:</source>
        <translation>出站 IP 范围：</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>例如 %1</translation>
    </message>
    <message>
        <source>Pod template annotation %1</source>
        <translation>Pod 模板注解 %1</translation>
    </message>
    <message>
        <source>Restart now (rollout restart, so running pods get the new rules)</source>
        <translation>立即重启（rollout restart，使运行中的 Pod 获得新规则）</translation>
    </message>
    <message>
        <source>Traffic on these ports and ranges bypasses the sidecar. Ports are 1-65535, ranges are CIDRs; separate entries with commas.</source>
        <translation>这些端口和地址范围上的流量绕过边车。端口为 1-65535，地址范围为 CIDR；多个条目用逗号分隔。</translation>
    </message>
</context>
<context>
    <name>md::ui::PolicyEditor</name>
    <message>
        <source>The text holds no Kubernetes object (a mapping with apiVersion, kind and metadata).</source>
        <translation>文本中没有 Kubernetes 对象（包含 apiVersion、kind 和 metadata 的映射）。</translation>
    </message>
    <message>
        <source>The text holds %1 objects; an editor holds one. Use Import YAML… for many.</source>
        <translation>文本包含 %1 个对象；一个编辑器只能编辑一个。多个对象请使用“导入 YAML…”。</translation>
    </message>
    <message>
        <source>This editor holds a %1; the text is a %2.</source>
        <translation>此编辑器编辑的是 %1；文本却是 %2。</translation>
    </message>
    <message>
        <source>object without kind</source>
        <translation>没有 kind 的对象</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>表单</translation>
    </message>
    <message>
        <source>There is no form for %1 objects: edit them as YAML.</source>
        <translation>%1 对象没有表单：请以 YAML 编辑。</translation>
    </message>
    <message>
        <source>YAML</source>
        <translation>YAML</translation>
    </message>
    <message>
        <source>The text must hold exactly one Kubernetes object (it holds %1).</source>
        <translation>文本必须恰好包含一个 Kubernetes 对象（当前包含 %1 个）。</translation>
    </message>
    <message>
        <source>New %1 %2</source>
        <translation>新建 %1 %2</translation>
    </message>
    <message>
        <source>New %1</source>
        <translation>新建 %1</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Edit YAML</source>
        <translation>编辑 YAML</translation>
    </message>
    <message>
        <source>Edit form</source>
        <translation>编辑表单</translation>
    </message>
    <message>
        <source>The form edits %1 objects; the text is a %2.</source>
        <translation>该表单编辑 %1 对象；文本却是 %2。</translation>
    </message>
    <message>
        <source>Cannot show the form: %1</source>
        <translation>无法显示表单：%1</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>没有问题</translation>
    </message>
    <message>
        <source>Problems: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <source>Draft saved at %1</source>
        <translation>草稿已于 %1 保存</translation>
    </message>
    <message>
        <source>Draft not saved: %1</source>
        <translation>草稿未保存：%1</translation>
    </message>
</context>
<context>
    <name>md::ui::PolicyListPage</name>
    <message>
        <source>No editor is available for %1 yet.</source>
        <translation>%1 暂无可用的编辑器。</translation>
    </message>
    <message>
        <source>Export as YAML</source>
        <translation>导出为 YAML</translation>
    </message>
    <message>
        <source>YAML files (*.yaml *.yml)</source>
        <translation>YAML 文件 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Exported 1 object to %1.</source>
        <translation>已将 1 个对象导出到 %1。</translation>
    </message>
    <message>
        <source>Exported %1 objects to %2.</source>
        <translation>已将 %1 个对象导出到 %2。</translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation>无法导出：%1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>All namespaces</source>
        <translation>所有命名空间</translation>
    </message>
    <message>
        <source>All clusters</source>
        <translation>所有集群</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 个%2</translation>
    </message>
    <message>
        <source>%1 of %2 %3</source>
        <translation>%1 / %2 个%3</translation>
    </message>
    <message>
        <source>Cluster %1: %2</source>
        <translation>集群 %1：%2</translation>
    </message>
    <message>
        <source>%1 from these clusters are missing or may be stale.</source>
        <translation>来自这些集群的%1缺失或可能已过期。</translation>
    </message>
    <message>
        <source>No mesh selected</source>
        <translation>未选择网格</translation>
    </message>
    <message>
        <source>Pick a mesh in the toolbar, or keep one on the Mesh clusters page, to list its %1.</source>
        <translation>在工具栏中选择一个网格，或在“网格集群”页面保留一个网格，以列出其%1。</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载%1…</translation>
    </message>
    <message>
        <source>Connecting to the clusters of mesh %1: %2…</source>
        <translation>正在连接网格 %1 的集群：%2…</translation>
    </message>
    <message>
        <source>Loading from 1 cluster…</source>
        <translation>正在从 1 个集群加载…</translation>
    </message>
    <message>
        <source>Loading from %1 clusters…</source>
        <translation>正在从 %1 个集群加载…</translation>
    </message>
    <message>
        <source>No %1 in mesh %2</source>
        <translation>网格 %2 中没有%1</translation>
    </message>
    <message>
        <source>Looked in every cluster of the mesh: %1.</source>
        <translation>已查找网格的所有集群：%1。</translation>
    </message>
    <message>
        <source>New %1…</source>
        <translation>新建 %1…</translation>
    </message>
    <message>
        <source>Create a %1 (%2)</source>
        <translation>创建 %1（%2）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open the selected object in the editor (Enter or double-click)</source>
        <translation>在编辑器中打开所选对象（Enter 或双击）</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected objects, after a confirmation (Del)</source>
        <translation>确认后删除所选对象（Del）</translation>
    </message>
    <message>
        <source>Export YAML…</source>
        <translation>导出 YAML…</translation>
    </message>
    <message>
        <source>Save the selected objects as YAML, without server-set fields</source>
        <translation>将所选对象保存为 YAML，不含服务器设置的字段</translation>
    </message>
    <message>
        <source>Search name, namespace, hosts, tags (Ctrl+F)</source>
        <translation>搜索名称、命名空间、主机、标签（Ctrl+F）</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
</context>
<context>
    <name>md::ui::PortProtocolDialog</name>
    <message>
        <source>from appProtocol</source>
        <translation>来自 appProtocol</translation>
    </message>
    <message>
        <source>from the port name</source>
        <translation>来自端口名称</translation>
    </message>
    <message>
        <source>UDP is not proxied</source>
        <translation>UDP 不被代理</translation>
    </message>
    <message>
        <source>a well-known port, never sniffed</source>
        <translation>知名端口，不做协议探测</translation>
    </message>
    <message>
        <source>not declared: detected from the traffic</source>
        <translation>未声明：根据流量自动检测</translation>
    </message>
    <message>
        <source>Port name prefix</source>
        <translation>端口名称前缀</translation>
    </message>
    <message>
        <source>appProtocol field (takes precedence)</source>
        <translation>appProtocol 字段（优先）</translation>
    </message>
    <message>
        <source>Port protocol of %1.%2</source>
        <translation>%1.%2 的端口协议</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>审阅…</translation>
    </message>
    <message>
        <source>Istio reads a port&apos;s protocol from its appProtocol, else from its name (&lt;protocol&gt;[-&lt;suffix&gt;]). The change is reviewed before it is applied to the cluster&apos;s Service.</source>
        <translation>Istio 从端口的 appProtocol 读取协议，否则从其名称（&lt;协议&gt;[-&lt;后缀&gt;]）读取。更改在应用到该集群的 Service 之前会经过审阅。</translation>
    </message>
    <message>
        <source>Cluster:</source>
        <translation>集群：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Istio reads today:</source>
        <translation>Istio 当前识别为：</translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation>协议：</translation>
    </message>
    <message>
        <source>Declare it with:</source>
        <translation>声明方式：</translation>
    </message>
    <message>
        <source>Will write:</source>
        <translation>将写入：</translation>
    </message>
    <message>
        <source>This cluster&apos;s Service has no TCP port.</source>
        <translation>该集群的 Service 没有 TCP 端口。</translation>
    </message>
    <message>
        <source>name: %1</source>
        <translation>名称：%1</translation>
    </message>
    <message>
        <source>name: %1, and appProtocol %2 removed (it would override the name)</source>
        <translation>名称：%1，并移除 appProtocol %2（它会覆盖名称）</translation>
    </message>
    <message>
        <source>appProtocol: %1</source>
        <translation>appProtocol：%1</translation>
    </message>
</context>
<context>
    <name>md::ui::ResourcesPage</name>
    <message>
        <source>%1 %2/%3 is no longer in %4.</source>
        <translation>%1 %2/%3 已不在 %4 中。</translation>
    </message>
    <message>
        <source>All Istio resources (%1)</source>
        <translation>全部 Istio 资源（%1）</translation>
    </message>
    <message>
        <source>New %1…</source>
        <translation>新建 %1…</translation>
    </message>
    <message>
        <source>All namespaces</source>
        <translation>全部命名空间</translation>
    </message>
    <message>
        <source>All clusters</source>
        <translation>全部集群</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s)</source>
        <translation>
            <numerusform>%n 个对象</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n object(s)</source>
        <translation>
            <numerusform>%1 / %n 个对象</numerusform>
        </translation>
    </message>
    <message>
        <source>No mesh selected.
Pick a mesh in the toolbar to browse its Istio resources.</source>
        <translation>未选择网格。
请在工具栏中选择一个网格以浏览其 Istio 资源。</translation>
    </message>
    <message>
        <source>Loading the Istio resources of mesh %1…</source>
        <translation>正在加载网格 %1 的 Istio 资源…</translation>
    </message>
    <message>
        <source>No Istio resources in mesh %1.
Looked in every cluster of the mesh: %2.</source>
        <translation>网格 %1 中没有 Istio 资源。
已查找该网格的所有集群：%2。</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Create an Istio object from a template</source>
        <translation>从模板创建 Istio 对象</translation>
    </message>
    <message>
        <source>Create a %1 from a template</source>
        <translation>从模板创建 %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open the selected object in the YAML editor (Enter or double-click)</source>
        <translation>在 YAML 编辑器中打开所选对象（回车或双击）</translation>
    </message>
    <message>
        <source>Labels…</source>
        <translation>标签…</translation>
    </message>
    <message>
        <source>Edit the labels and annotations of the selected object</source>
        <translation>编辑所选对象的标签和注解</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected objects, after a confirmation (Del)</source>
        <translation>确认后删除所选对象（Del）</translation>
    </message>
    <message>
        <source>Search name, namespace, kind (Ctrl+F)</source>
        <translation>搜索名称、命名空间、类型（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>md::ui::ResultModel</name>
    <message>
        <source>Not applied yet</source>
        <translation>尚未应用</translation>
    </message>
    <message>
        <source>Blocked by validation errors</source>
        <translation>因校验错误被阻止</translation>
    </message>
    <message>
        <source>Dry run…</source>
        <translation>试运行中…</translation>
    </message>
    <message>
        <source>Dry run passed</source>
        <translation>试运行通过</translation>
    </message>
    <message>
        <source>Dry run failed</source>
        <translation>试运行失败</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>正在应用…</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>已应用</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>md::ui::ReviewDialog</name>
    <message>
        <source>Review changes</source>
        <translation>审查变更</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>线上</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>试运行</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Resolve conflict…</source>
        <translation>解决冲突…</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message numerus="yes">
        <source>Dry run of %n object(s) in %1</source>
        <translation>
            <numerusform>在 %1 中试运行 %n 个对象</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Review %n change(s) to %1</source>
        <translation>
            <numerusform>审查写入 %1 的 %n 项变更</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <source>Validation: no problems.</source>
        <translation>校验：没有问题。</translation>
    </message>
    <message>
        <source>Validation: %1, %2.</source>
        <translation>校验：%1，%2。</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message>
        <source>Objects with errors are not applied.</source>
        <translation>有错误的对象不会被应用。</translation>
    </message>
    <message>
        <source>Live (does not exist)</source>
        <translation>线上（不存在）</translation>
    </message>
    <message>
        <source>After delete</source>
        <translation>删除后</translation>
    </message>
    <message>
        <source>Apply with warnings</source>
        <translation>带警告应用</translation>
    </message>
    <message numerus="yes">
        <source>The changes have %n warning(s). Apply them anyway?</source>
        <translation>
            <numerusform>这些变更有 %n 个警告。仍要应用吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Dry run: %v of %m</source>
        <translation>试运行：%v / %m</translation>
    </message>
    <message>
        <source>Applying: %v of %m</source>
        <translation>正在应用：%v / %m</translation>
    </message>
    <message>
        <source>Dry run: %1 passed, %2 failed</source>
        <translation>试运行：%1 个通过，%2 个失败</translation>
    </message>
    <message>
        <source>Applied: %1 succeeded, %2 failed</source>
        <translation>已应用：%1 个成功，%2 个失败</translation>
    </message>
    <message>
        <source>Nothing to apply: the live object was kept</source>
        <translation>无需应用：保留了线上对象</translation>
    </message>
</context>
<context>
    <name>md::ui::SecretDelete</name>
    <message>
        <source>Delete TLS secret %1</source>
        <translation>删除 TLS 密钥 %1</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Delete the secret %1/%2 from cluster %3? No Gateway or DestinationRule names it in credentialName.</source>
        <translation>从集群 %3 删除密钥 %1/%2？没有 Gateway 或 DestinationRule 在 credentialName 中引用它。</translation>
    </message>
    <message numerus="yes">
        <source>Delete the secret %1/%2 from cluster %3? %n object(s) name it in credentialName; their TLS stops working until it is replaced:</source>
        <translation>
            <numerusform>从集群 %3 删除密钥 %1/%2？有 %n 个对象在 credentialName 中引用它；在替换之前，它们的 TLS 将无法工作：</numerusform>
        </translation>
    </message>
    <message>
        <source>Review delete…</source>
        <translation>审阅删除…</translation>
    </message>
</context>
<context>
    <name>md::ui::SecretDialog</name>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is %2 bytes: too large for a PEM file</source>
        <translation>%1 有 %2 字节：作为 PEM 文件太大</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>SANs</source>
        <translation>SAN</translation>
    </message>
    <message>
        <source>&lt;i&gt;none&lt;/i&gt;</source>
        <translation>&lt;i&gt;无&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>签发者</translation>
    </message>
    <message>
        <source> (self-signed)</source>
        <translation>（自签名）</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>New TLS secret</source>
        <translation>新建 TLS 密钥</translation>
    </message>
    <message>
        <source>e.g. bookinfo-credential</source>
        <translation>例如 bookinfo-credential</translation>
    </message>
    <message>
        <source>Istio reads a gateway&apos;s credential from the namespace of the gateway&apos;s pods</source>
        <translation>Istio 从网关 Pod 所在的命名空间读取网关的凭据</translation>
    </message>
    <message>
        <source>PEM certificate, the server&apos;s first, then its chain</source>
        <translation>PEM 证书，先是服务器证书，然后是证书链</translation>
    </message>
    <message>
        <source>PEM private key, unencrypted</source>
        <translation>PEM 私钥，未加密</translation>
    </message>
    <message>
        <source>Optional: CA for client certificates (MUTUAL)</source>
        <translation>可选：客户端证书的 CA（MUTUAL）</translation>
    </message>
    <message>
        <source>key: value, one per line</source>
        <translation>key: value，每行一个</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>审阅…</translation>
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
        <source>&amp;Cluster:</source>
        <translation>集群(&amp;C)：</translation>
    </message>
    <message>
        <source>Na&amp;mespace:</source>
        <translation>命名空间(&amp;M)：</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>证书：</translation>
    </message>
    <message>
        <source>Certificate file</source>
        <translation>证书文件</translation>
    </message>
    <message>
        <source>Private key:</source>
        <translation>私钥：</translation>
    </message>
    <message>
        <source>Private key file</source>
        <translation>私钥文件</translation>
    </message>
    <message>
        <source>CA certificate:</source>
        <translation>CA 证书：</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA 证书文件</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt *.cer *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message numerus="yes">
        <source>Chain: %n more certificate(s), up to %1</source>
        <translation>
            <numerusform>证书链：另有 %n 个证书，直至 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>does NOT match the certificate</source>
        <translation>与证书不匹配</translation>
    </message>
    <message>
        <source>matches the certificate</source>
        <translation>与证书匹配</translation>
    </message>
    <message>
        <source>CA for client certificates</source>
        <translation>客户端证书的 CA</translation>
    </message>
    <message>
        <source>Choose the certificate and private key files.</source>
        <translation>请选择证书和私钥文件。</translation>
    </message>
</context>
<context>
    <name>md::ui::SecretsPage</name>
    <message numerus="yes">
        <source>%n secret(s)</source>
        <translation>
            <numerusform>%n 个密钥</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n secret(s)</source>
        <translation>
            <numerusform>%1 / %n 个密钥</numerusform>
        </translation>
    </message>
    <message>
        <source>No mesh selected</source>
        <translation>未选择网格</translation>
    </message>
    <message>
        <source>Pick a mesh in the toolbar, or keep one on the Mesh clusters page, to list its gateway TLS secrets.</source>
        <translation>在工具栏中选择一个网格，或在“网格集群”页面保存一个网格，以列出其网关 TLS 密钥。</translation>
    </message>
    <message>
        <source>Loading TLS secrets…</source>
        <translation>正在加载 TLS 密钥…</translation>
    </message>
    <message>
        <source>Reading the secrets of %1.</source>
        <translation>正在读取 %1 的 Secret。</translation>
    </message>
    <message>
        <source>No TLS secrets in mesh %1</source>
        <translation>网格 %1 中没有 TLS 密钥</translation>
    </message>
    <message>
        <source>No kubernetes.io/tls secret, nor an Opaque one with cert and key, in %1. Gateways name their certificate with credentialName.</source>
        <translation>%1 中没有 kubernetes.io/tls 类型的 Secret，也没有含 cert 和 key 的 Opaque Secret。网关通过 credentialName 指定证书。</translation>
    </message>
    <message numerus="yes">
        <source>%n expired</source>
        <translation>
            <numerusform>%n 个已过期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n expiring within 30 days</source>
        <translation>
            <numerusform>%n 个将在 30 天内过期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unusable (key mismatch or unreadable)</source>
        <translation>
            <numerusform>%n 个不可用（密钥不匹配或无法读取）</numerusform>
        </translation>
    </message>
    <message>
        <source>Certificates: %1.</source>
        <translation>证书：%1。</translation>
    </message>
    <message>
        <source>New TLS secret…</source>
        <translation>新建 TLS 密钥…</translation>
    </message>
    <message>
        <source>Create a kubernetes.io/tls secret from certificate and key files</source>
        <translation>从证书和私钥文件创建 kubernetes.io/tls 密钥</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected secret, after listing the Gateways and DestinationRules that use it (Del)</source>
        <translation>列出使用它的 Gateway 和 DestinationRule 后删除所选密钥（Del）</translation>
    </message>
    <message>
        <source>Search name, subject, SANs, issuer</source>
        <translation>搜索名称、主题、SAN、签发者</translation>
    </message>
</context>
<context>
    <name>md::ui::ServicesPage</name>
    <message>
        <source>appProtocol</source>
        <translation>appProtocol</translation>
    </message>
    <message>
        <source>port name</source>
        <translation>端口名称</translation>
    </message>
    <message>
        <source>UDP, not proxied</source>
        <translation>UDP，不代理</translation>
    </message>
    <message>
        <source>well-known port</source>
        <translation>知名端口</translation>
    </message>
    <message>
        <source>detected from the traffic</source>
        <translation>根据流量自动检测</translation>
    </message>
    <message>
        <source>The Service %1/%2 is no longer in %3.</source>
        <translation>Service %1/%2 已不在 %3 中。</translation>
    </message>
    <message>
        <source>Edit port protocol</source>
        <translation>编辑端口协议</translation>
    </message>
    <message>
        <source>All clusters</source>
        <translation>所有集群</translation>
    </message>
    <message>
        <source>All namespaces</source>
        <translation>所有命名空间</translation>
    </message>
    <message>
        <source>No mesh is selected.
Pick a mesh in the toolbar, or keep the clusters of a detected mesh on the Mesh clusters page.</source>
        <translation>未选择网格。
请在工具栏中选择一个网格，或在“网格集群”页面保留检测到的网格的集群。</translation>
    </message>
    <message>
        <source>Loading the services of mesh %1…</source>
        <translation>正在加载网格 %1 的服务…</translation>
    </message>
    <message>
        <source>No services in mesh %1.
Looked in every cluster of the mesh: %2.</source>
        <translation>网格 %1 中没有服务。
已查找该网格的所有集群：%2。</translation>
    </message>
    <message>
        <source>1 service</source>
        <translation>1 个服务</translation>
    </message>
    <message>
        <source>%1 services</source>
        <translation>%1 个服务</translation>
    </message>
    <message>
        <source>%1, %2 with problems</source>
        <translation>%1，%2 个有问题</translation>
    </message>
    <message>
        <source>No service selected</source>
        <translation>未选择服务</translation>
    </message>
    <message>
        <source>Select a service to see its clusters, ports, endpoints and pods.</source>
        <translation>选择一个服务以查看其集群、端口、端点和 Pod。</translation>
    </message>
    <message>
        <source>%1: no problem found.</source>
        <translation>%1：未发现问题。</translation>
    </message>
    <message>
        <source>Cluster IP</source>
        <translation>集群 IP</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>External addresses</source>
        <translation>外部地址</translation>
    </message>
    <message>
        <source>Selector</source>
        <translation>选择器</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>, node port %1</source>
        <translation>，节点端口 %1</translation>
    </message>
    <message>
        <source>%1 (%2) %3</source>
        <translation>%1（%2）%3</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>%1 ready of %2</source>
        <translation>%2 个中 %1 个就绪</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>not ready</source>
        <translation>未就绪</translation>
    </message>
    <message>
        <source>Pods</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>%1 of %2 with a sidecar</source>
        <translation>%2 个中 %1 个有边车</translation>
    </message>
    <message>
        <source>sidecar %1</source>
        <translation>边车 %1</translation>
    </message>
    <message>
        <source>no sidecar</source>
        <translation>无边车</translation>
    </message>
    <message>
        <source>Edit port protocol…</source>
        <translation>编辑端口协议…</translation>
    </message>
    <message>
        <source>Choose how Istio reads a port: by its name prefix or by appProtocol; the change is reviewed before it is applied</source>
        <translation>选择 Istio 如何识别端口协议：通过名称前缀或 appProtocol；更改在应用前会经过审阅</translation>
    </message>
    <message>
        <source>Traffic policies</source>
        <translation>流量策略</translation>
    </message>
    <message>
        <source>Security policies</source>
        <translation>安全策略</translation>
    </message>
    <message>
        <source>VirtualServices routing to it</source>
        <translation>路由到它的 VirtualService</translation>
    </message>
    <message>
        <source>DestinationRules for it</source>
        <translation>它的 DestinationRule</translation>
    </message>
    <message>
        <source>AuthorizationPolicies of its namespace</source>
        <translation>其命名空间的 AuthorizationPolicy</translation>
    </message>
    <message>
        <source>PeerAuthentications of its namespace</source>
        <translation>其命名空间的 PeerAuthentication</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Request rate, errors and latency of the service</source>
        <translation>该服务的请求速率、错误和延迟</translation>
    </message>
    <message>
        <source>Topology</source>
        <translation>拓扑</translation>
    </message>
    <message>
        <source>The service in the topology graph</source>
        <translation>在拓扑图中查看该服务</translation>
    </message>
    <message>
        <source>System namespaces</source>
        <translation>系统命名空间</translation>
    </message>
    <message>
        <source>Also list the services of kube-system and the Istio root namespace</source>
        <translation>同时列出 kube-system 和 Istio 根命名空间中的服务</translation>
    </message>
    <message>
        <source>Search name, namespace, ports, versions (Ctrl+F)</source>
        <translation>搜索名称、命名空间、端口、版本（Ctrl+F）</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Any diagnosis</source>
        <translation>任意诊断</translation>
    </message>
    <message>
        <source>With problems</source>
        <translation>有问题</translation>
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
<context>
    <name>md::ui::SidecarPageBase</name>
    <message>
        <source>All clusters</source>
        <translation>所有集群</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 of %2 %3</source>
        <translation>%1 / %2 %3</translation>
    </message>
    <message>
        <source>Cluster %1: %2</source>
        <translation>集群 %1：%2</translation>
    </message>
    <message>
        <source>Cluster %1: data from %2 may be stale, retrying at %3</source>
        <translation>集群 %1：%2 的数据可能已过期，将于 %3 重试</translation>
    </message>
    <message>
        <source>Cluster %1: relisting, data from %2</source>
        <translation>集群 %1：正在重新列举，数据来自 %2</translation>
    </message>
    <message>
        <source>Cluster %1: data may be stale since %2</source>
        <translation>集群 %1：数据自 %2 起可能已过期</translation>
    </message>
    <message>
        <source>No mesh selected</source>
        <translation>未选择网格</translation>
    </message>
    <message>
        <source>Pick a mesh in the toolbar, or keep one on the Mesh clusters page, to see its sidecars.</source>
        <translation>在工具栏中选择一个网格，或在“网格集群”页面保存一个网格，以查看其边车。</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载%1…</translation>
    </message>
    <message>
        <source>Reading namespaces, workloads and pods of mesh %1: %2 of %3 clusters listed.</source>
        <translation>正在读取网格 %1 的命名空间、工作负载和 Pod：已列举 %2 / %3 个集群。</translation>
    </message>
    <message>
        <source>No %1 in mesh %2</source>
        <translation>网格 %2 中没有%1</translation>
    </message>
    <message>
        <source>Looked in every cluster of the mesh: %1.</source>
        <translation>已查看网格的所有集群：%1。</translation>
    </message>
    <message>
        <source>%1 %2 in %3</source>
        <translation>%3 中的 %1 %2</translation>
    </message>
    <message>
        <source>%1 %2/%3 in %4</source>
        <translation>%4 中的 %1 %2/%3</translation>
    </message>
    <message>
        <source>%1: not in the caches (deleted meanwhile?)</source>
        <translation>%1：不在缓存中（可能已被删除？）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Nothing to change: the selection already has this setting.</source>
        <translation>无需更改：所选对象已是此设置。</translation>
    </message>
</context>
<context>
    <name>md::ui::SidecarResourcesDialog</name>
    <message>
        <source>Sidecar resources</source>
        <translation>边车资源</translation>
    </message>
    <message numerus="yes">
        <source>Sidecar resources of %n workloads</source>
        <translation>
            <numerusform>%n 个工作负载的边车资源</numerusform>
        </translation>
    </message>
    <message>
        <source>CPU request:</source>
        <translation>CPU 请求：</translation>
    </message>
    <message>
        <source>CPU limit:</source>
        <translation>CPU 限制：</translation>
    </message>
    <message>
        <source>Memory request:</source>
        <translation>内存请求：</translation>
    </message>
    <message>
        <source>Memory limit:</source>
        <translation>内存限制：</translation>
    </message>
    <message>
        <source>e.g. %1 (empty: Istio&apos;s default)</source>
        <translation>例如 %1（留空：使用 Istio 默认值）</translation>
    </message>
    <message>
        <source>Pod template annotation %1</source>
        <translation>Pod 模板注解 %1</translation>
    </message>
    <message>
        <source>Restart now (rollout restart, so running pods get the new sidecar)</source>
        <translation>立即重启（rollout restart，使运行中的 Pod 获得新的边车）</translation>
    </message>
    <message>
        <source>Kubernetes quantities: CPU in cores or millicores (0.5, 500m), memory in bytes with a unit (128Mi, 1Gi).</source>
        <translation>Kubernetes 数量格式：CPU 以核或毫核表示（0.5、500m），内存以带单位的字节数表示（128Mi、1Gi）。</translation>
    </message>
</context>
<context>
    <name>md::ui::Sparkline</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>Latest value</source>
        <translation>最新值</translation>
    </message>
</context>
<context>
    <name>md::ui::Topology</name>
    <message>
        <source>Namespace: %1</source>
        <translation>命名空间：%1</translation>
    </message>
    <message>
        <source>Cluster: %1</source>
        <translation>集群：%1</translation>
    </message>
    <message>
        <source>Cluster %1</source>
        <translation>集群 %1</translation>
    </message>
    <message>
        <source>Namespace %1 in cluster %2</source>
        <translation>集群 %2 中的命名空间 %1</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>降级</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>No requests in the time range</source>
        <translation>时间范围内没有请求</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Waypoint</source>
        <translation>Waypoint</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>工作负载</translation>
    </message>
    <message>
        <source>App</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Versioned app</source>
        <translation>版本化应用</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Service entry</source>
        <translation>服务条目</translation>
    </message>
    <message>
        <source>Unknown source</source>
        <translation>未知来源</translation>
    </message>
    <message>
        <source>%1 MB/s</source>
        <translation>%1 MB/s</translation>
    </message>
    <message>
        <source>%1 kB/s</source>
        <translation>%1 kB/s</translation>
    </message>
    <message>
        <source>%1 B/s</source>
        <translation>%1 B/s</translation>
    </message>
    <message>
        <source>%1 rps</source>
        <translation>%1 rps</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 err</source>
        <translation>%1 错误</translation>
    </message>
    <message>
        <source>p95 %1</source>
        <translation>p95 %1</translation>
    </message>
    <message>
        <source>avg %1</source>
        <translation>平均 %1</translation>
    </message>
    <message>
        <source>mTLS</source>
        <translation>mTLS</translation>
    </message>
    <message>
        <source>plain text</source>
        <translation>明文</translation>
    </message>
    <message>
        <source>mTLS %1</source>
        <translation>mTLS %1</translation>
    </message>
    <message>
        <source>Has a VirtualService</source>
        <translation>有 VirtualService</translation>
    </message>
    <message>
        <source>Traffic shifting</source>
        <translation>流量切换</translation>
    </message>
    <message>
        <source>Fault injection</source>
        <translation>故障注入</translation>
    </message>
    <message>
        <source>Request timeout</source>
        <translation>请求超时</translation>
    </message>
    <message>
        <source>Mirroring</source>
        <translation>流量镜像</translation>
    </message>
    <message>
        <source>Circuit breaker</source>
        <translation>熔断</translation>
    </message>
    <message>
        <source>Missing sidecar</source>
        <translation>缺少边车</translation>
    </message>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation>概览：单击或拖动以移动视图</translation>
    </message>
</context>
<context>
    <name>md::ui::Wizards</name>
    <message>
        <source>Wizard</source>
        <translation>向导</translation>
    </message>
    <message>
        <source>Traffic shifting</source>
        <translation>流量切分</translation>
    </message>
    <message>
        <source>Split a service&apos;s traffic between its versions by weight (VirtualService and DestinationRule subsets)</source>
        <translation>按权重在服务的各版本之间分配流量（VirtualService 与 DestinationRule 子集）</translation>
    </message>
    <message>
        <source>Request routing</source>
        <translation>请求路由</translation>
    </message>
    <message>
        <source>Send requests with a given header or URI to one version, the rest to another</source>
        <translation>将带指定请求头或 URI 的请求发往一个版本，其余发往另一个版本</translation>
    </message>
    <message>
        <source>Fault injection</source>
        <translation>故障注入</translation>
    </message>
    <message>
        <source>Delay or abort a share of a service&apos;s requests to test resilience</source>
        <translation>对服务的一部分请求注入延迟或中止，以测试弹性</translation>
    </message>
    <message>
        <source>Timeouts and retries</source>
        <translation>超时与重试</translation>
    </message>
    <message>
        <source>Bound a service&apos;s request time and retry failures</source>
        <translation>限制服务的请求时间并重试失败请求</translation>
    </message>
    <message>
        <source>Circuit breaking</source>
        <translation>熔断</translation>
    </message>
    <message>
        <source>Limit connections and pending requests, eject failing endpoints (connection pool and outlier detection)</source>
        <translation>限制连接数和等待请求数，驱逐故障端点（连接池与异常检测）</translation>
    </message>
    <message>
        <source>STRICT mTLS for a namespace</source>
        <translation>命名空间启用 STRICT mTLS</translation>
    </message>
    <message>
        <source>Accept only mutual-TLS connections in a namespace (PeerAuthentication)</source>
        <translation>命名空间内只接受双向 TLS 连接（PeerAuthentication）</translation>
    </message>
    <message>
        <source>JWT required for a workload</source>
        <translation>工作负载必须携带 JWT</translation>
    </message>
    <message>
        <source>Validate tokens of an issuer and reject requests without one (RequestAuthentication and AuthorizationPolicy)</source>
        <translation>校验某签发者的令牌并拒绝不带令牌的请求（RequestAuthentication 与 AuthorizationPolicy）</translation>
    </message>
    <message>
        <source>Only given namespaces may call a service</source>
        <translation>只允许指定命名空间调用服务</translation>
    </message>
    <message>
        <source>Allow requests to a service only from the namespaces listed (AuthorizationPolicy)</source>
        <translation>只允许来自所列命名空间的请求访问服务（AuthorizationPolicy）</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>namespace/name</source>
        <translation>命名空间/名称</translation>
    </message>
    <message>
        <source>Not a service of the mesh: the objects are written for it anyway.</source>
        <translation>不是网格中的服务：仍会为其生成对象。</translation>
    </message>
    <message>
        <source>Host %1 · ports %2 · versions %3</source>
        <translation>主机 %1 · 端口 %2 · 版本 %3</translation>
    </message>
    <message>
        <source>(no version label)</source>
        <translation>（无 version 标签）</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>These objects go to the review, where they are checked and dry-run before anything is applied.</source>
        <translation>这些对象将进入审阅，在应用之前会进行检查和试运行（dry run）。</translation>
    </message>
    <message>
        <source>The service whose traffic is split between its versions.</source>
        <translation>在各版本之间分配流量的服务。</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>The share of requests each version gets; the weights add up to 100.</source>
        <translation>各版本获得的请求占比；权重之和为 100。</translation>
    </message>
    <message>
        <source>The service whose requests are routed by content.</source>
        <translation>按内容路由其请求的服务。</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Requests that match go to one version; all others to the default version.</source>
        <translation>匹配的请求发往一个版本；其他请求发往默认版本。</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>请求头</translation>
    </message>
    <message>
        <source>URI</source>
        <translation>URI</translation>
    </message>
    <message>
        <source>Match on</source>
        <translation>匹配依据</translation>
    </message>
    <message>
        <source>e.g. end-user</source>
        <translation>例如 end-user</translation>
    </message>
    <message>
        <source>Header name</source>
        <translation>请求头名称</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Matching requests go to</source>
        <translation>匹配的请求发往</translation>
    </message>
    <message>
        <source>Other requests go to</source>
        <translation>其他请求发往</translation>
    </message>
    <message>
        <source>The service whose requests get faults.</source>
        <translation>为其请求注入故障的服务。</translation>
    </message>
    <message>
        <source>Faults</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Delay and/or abort a share of the requests.</source>
        <translation>对一部分请求注入延迟和/或中止。</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Fixed delay</source>
        <translation>固定延迟</translation>
    </message>
    <message>
        <source>Of requests</source>
        <translation>请求比例</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>HTTP 状态码</translation>
    </message>
    <message>
        <source>While a fault is injected, the route&apos;s timeout and retries do not apply.</source>
        <translation>注入故障期间，路由的超时和重试不生效。</translation>
    </message>
    <message>
        <source>The service whose requests get a timeout and retries.</source>
        <translation>为其请求设置超时和重试的服务。</translation>
    </message>
    <message>
        <source>Request timeout</source>
        <translation>请求超时</translation>
    </message>
    <message>
        <source>Retry attempts</source>
        <translation>重试次数</translation>
    </message>
    <message>
        <source>Per-try timeout</source>
        <translation>单次重试超时</translation>
    </message>
    <message>
        <source>Retry on</source>
        <translation>重试条件</translation>
    </message>
    <message>
        <source>The timeout bounds the whole request, retries included.</source>
        <translation>超时限制整个请求的时长，包括重试。</translation>
    </message>
    <message>
        <source>The service whose clients are protected.</source>
        <translation>要保护其客户端的服务。</translation>
    </message>
    <message>
        <source>Circuit breaker</source>
        <translation>熔断器</translation>
    </message>
    <message>
        <source>Limits of the connection pool, and when endpoints are ejected.</source>
        <translation>连接池的上限，以及何时驱逐端点。</translation>
    </message>
    <message>
        <source>Max connections</source>
        <translation>最大连接数</translation>
    </message>
    <message>
        <source>Max pending requests</source>
        <translation>最大等待请求数</translation>
    </message>
    <message>
        <source>Max requests per connection</source>
        <translation>每连接最大请求数</translation>
    </message>
    <message>
        <source>Eject after consecutive 5xx</source>
        <translation>连续 5xx 后驱逐</translation>
    </message>
    <message>
        <source>Scan interval</source>
        <translation>扫描间隔</translation>
    </message>
    <message>
        <source>Base ejection time</source>
        <translation>基础驱逐时间</translation>
    </message>
    <message>
        <source>Max ejected</source>
        <translation>最大驱逐比例</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Workloads of this namespace accept only mutual-TLS connections from other workloads of the mesh.</source>
        <translation>此命名空间中的工作负载只接受来自网格内其他工作负载的双向 TLS 连接。</translation>
    </message>
    <message>
        <source>The whole mesh (the root namespace)</source>
        <translation>整个网格（根命名空间）</translation>
    </message>
    <message>
        <source>Clients without a sidecar (or outside the mesh) can no longer connect. Check the Sidecars page first.</source>
        <translation>没有 Sidecar（或网格外）的客户端将无法再连接。请先查看 Sidecar 页面。</translation>
    </message>
    <message>
        <source>The service whose workloads require a token (its selector chooses the workloads).</source>
        <translation>其工作负载要求令牌的服务（由其选择器选定工作负载）。</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Requests need a valid JWT of this issuer.</source>
        <translation>请求需要携带该签发者签发的有效 JWT。</translation>
    </message>
    <message>
        <source>https://accounts.example.com</source>
        <translation>https://accounts.example.com</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>签发者</translation>
    </message>
    <message>
        <source>https://accounts.example.com/.well-known/jwks.json</source>
        <translation>https://accounts.example.com/.well-known/jwks.json</translation>
    </message>
    <message>
        <source>JWKS URI</source>
        <translation>JWKS URI</translation>
    </message>
    <message>
        <source>audience</source>
        <translation>受众</translation>
    </message>
    <message>
        <source>Add audience</source>
        <translation>添加受众</translation>
    </message>
    <message>
        <source>Audiences</source>
        <translation>受众</translation>
    </message>
    <message>
        <source>Two objects: a RequestAuthentication that validates tokens, and an AuthorizationPolicy that denies requests without one.</source>
        <translation>两个对象：校验令牌的 RequestAuthentication，以及拒绝无令牌请求的 AuthorizationPolicy。</translation>
    </message>
    <message>
        <source>The service to protect (its selector chooses the workloads).</source>
        <translation>要保护的服务（由其选择器选定工作负载）。</translation>
    </message>
    <message>
        <source>Allowed namespaces</source>
        <translation>允许的命名空间</translation>
    </message>
    <message>
        <source>Only workloads of these namespaces may call the service; all other requests are denied.</source>
        <translation>只有这些命名空间中的工作负载可以调用该服务；其他请求都会被拒绝。</translation>
    </message>
    <message>
        <source>namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Add namespace</source>
        <translation>添加命名空间</translation>
    </message>
    <message>
        <source>Namespaces</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Callers are identified by their mTLS certificate: they need a sidecar (or ztunnel) and mTLS must be on.</source>
        <translation>调用方通过其 mTLS 证书识别：调用方需要 Sidecar（或 ztunnel），并且必须启用 mTLS。</translation>
    </message>
</context>
<context>
    <name>md::ui::WorkloadSidecarPage</name>
    <message>
        <source>All namespaces</source>
        <translation>所有命名空间</translation>
    </message>
    <message>
        <source>Select a workload to see why it is or is not injected and the sidecar of each of its pods.</source>
        <translation>选择一个工作负载，查看其是否注入的原因以及每个 Pod 的边车。</translation>
    </message>
    <message>
        <source>%1 %2/%3 in %4: %5.</source>
        <translation>%4 中的 %1 %2/%3：%5。</translation>
    </message>
    <message>
        <source>Running, ready</source>
        <translation>运行中，就绪</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>未就绪</translation>
    </message>
    <message>
        <source>No sidecar</source>
        <translation>无边车</translation>
    </message>
    <message>
        <source>restart to inject</source>
        <translation>重启以注入</translation>
    </message>
    <message>
        <source>restart to remove</source>
        <translation>重启以移除</translation>
    </message>
    <message>
        <source>workloads</source>
        <translation>个工作负载</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Label the pod templates sidecar.istio.io/inject=true (Ctrl+E)</source>
        <translation>为 Pod 模板添加标签 sidecar.istio.io/inject=true（Ctrl+E）</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>禁用</translation>
    </message>
    <message>
        <source>Label the pod templates sidecar.istio.io/inject=false (Ctrl+Shift+E); it overrides the namespace&apos;s labels</source>
        <translation>为 Pod 模板添加标签 sidecar.istio.io/inject=false（Ctrl+Shift+E）；它覆盖命名空间的标签</translation>
    </message>
    <message>
        <source>Clear policy</source>
        <translation>清除策略</translation>
    </message>
    <message>
        <source>Remove sidecar.istio.io/inject from the pod templates: the namespace decides again</source>
        <translation>从 Pod 模板移除 sidecar.istio.io/inject：重新由命名空间决定</translation>
    </message>
    <message>
        <source>Resources…</source>
        <translation>资源…</translation>
    </message>
    <message>
        <source>Set the sidecar&apos;s CPU and memory requests and limits</source>
        <translation>设置边车的 CPU 和内存请求与限制</translation>
    </message>
    <message>
        <source>Passthrough…</source>
        <translation>透传…</translation>
    </message>
    <message>
        <source>Ports and IP ranges whose traffic bypasses the sidecar</source>
        <translation>流量绕过边车的端口和 IP 范围</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重启</translation>
    </message>
    <message>
        <source>Roll the selected workloads&apos; pods, as kubectl rollout restart (Ctrl+Shift+R)</source>
        <translation>滚动重启所选工作负载的 Pod，同 kubectl rollout restart（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <source>Restart the workloads with the change (rollout restart), so running pods follow it</source>
        <translation>随更改一起重启工作负载（rollout restart），使运行中的 Pod 生效</translation>
    </message>
    <message>
        <source>Search name, namespace, pod labels (Ctrl+F)</source>
        <translation>搜索名称、命名空间、Pod 标签（Ctrl+F）</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>Pod</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Sidecar</source>
        <translation>边车</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>重启次数</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Action needed</source>
        <translation>需要的操作</translation>
    </message>
</context>
<context>
    <name>md::ui::YamlEditor</name>
    <message>
        <source>Go to Line</source>
        <translation>跳转到行</translation>
    </message>
    <message>
        <source>Line (1-%1):</source>
        <translation>行 (1-%1)：</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::AuthorizationPolicyForm</name>
    <message>
        <source>Action</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>ALLOW when not set</source>
        <translation>未设置时为 ALLOW</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>提供者</translation>
    </message>
    <message>
        <source>extension provider name</source>
        <translation>扩展提供者名称</translation>
    </message>
    <message>
        <source>The external authorizer of a CUSTOM action (meshConfig extensionProviders)</source>
        <translation>CUSTOM 动作的外部授权服务（meshConfig extensionProviders）</translation>
    </message>
    <message>
        <source>ALLOW without rules matches nothing: every request to the selected workloads is denied.</source>
        <translation>没有规则的 ALLOW 不匹配任何请求：发往所选工作负载的所有请求都会被拒绝。</translation>
    </message>
    <message>
        <source>Requests that match a rule are allowed; once any ALLOW policy applies, all others are denied.</source>
        <translation>匹配规则的请求被允许；一旦有 ALLOW 策略生效，其他请求都会被拒绝。</translation>
    </message>
    <message>
        <source>Requests that match a rule are denied (DENY is checked before ALLOW).</source>
        <translation>匹配规则的请求被拒绝（DENY 先于 ALLOW 检查）。</translation>
    </message>
    <message>
        <source>Requests that match a rule are logged by the audit provider; nothing is allowed or denied.</source>
        <translation>匹配规则的请求由审计提供者记录；不允许也不拒绝任何请求。</translation>
    </message>
    <message>
        <source>Requests that match a rule are sent to the provider, which decides.</source>
        <translation>匹配规则的请求交给提供者决定。</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>A request matches a rule when it matches one source, one operation and every condition of it; an empty part matches everything.</source>
        <translation>请求匹配其中一个来源、一个操作以及全部条件时即匹配该规则；空的部分匹配一切。</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <source>Rule %1</source>
        <translation>规则 %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>访问 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n condition(s)</source>
        <translation>
            <numerusform>%n 个条件</numerusform>
        </translation>
    </message>
    <message>
        <source>L7</source>
        <translation>L7</translation>
    </message>
    <message>
        <source>matches every request</source>
        <translation>匹配所有请求</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>not:</source>
        <translation>排除：</translation>
    </message>
    <message>
        <source>From (sources)</source>
        <translation>来源（from）</translation>
    </message>
    <message>
        <source>Add source</source>
        <translation>添加来源</translation>
    </message>
    <message>
        <source>Source %1</source>
        <translation>来源 %1</translation>
    </message>
    <message>
        <source>Namespaces</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Principals</source>
        <translation>主体</translation>
    </message>
    <message>
        <source>cluster.local/ns/NS/sa/SA</source>
        <translation>cluster.local/ns/NS/sa/SA</translation>
    </message>
    <message>
        <source>Service accounts</source>
        <translation>服务账号</translation>
    </message>
    <message>
        <source>ns/name</source>
        <translation>命名空间/名称</translation>
    </message>
    <message>
        <source>Request principals</source>
        <translation>请求主体</translation>
    </message>
    <message>
        <source>issuer/subject, or *</source>
        <translation>签发者/主体，或 *</translation>
    </message>
    <message>
        <source>IP blocks</source>
        <translation>IP 段</translation>
    </message>
    <message>
        <source>10.0.0.0/8</source>
        <translation>10.0.0.0/8</translation>
    </message>
    <message>
        <source>Remote IP blocks</source>
        <translation>远端 IP 段</translation>
    </message>
    <message>
        <source>203.0.113.0/24</source>
        <translation>203.0.113.0/24</translation>
    </message>
    <message>
        <source>To (operations)</source>
        <translation>操作（to）</translation>
    </message>
    <message>
        <source>Add operation</source>
        <translation>添加操作</translation>
    </message>
    <message>
        <source>Operation %1</source>
        <translation>操作 %1</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>GET</source>
        <translation>GET</translation>
    </message>
    <message>
        <source>Paths</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>/api/*</source>
        <translation>/api/*</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>8080</source>
        <translation>8080</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>example.com</source>
        <translation>example.com</translation>
    </message>
    <message>
        <source>When (conditions)</source>
        <translation>条件（when）</translation>
    </message>
    <message>
        <source>Add condition</source>
        <translation>添加条件</translation>
    </message>
    <message>
        <source>Condition %1</source>
        <translation>条件 %1</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>值</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::ChoiceField</name>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::CollapsibleSection</name>
    <message>
        <source>Include this part in the policy</source>
        <translation>在策略中包含此部分</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::DestinationList</name>
    <message>
        <source>Add destination</source>
        <translation>添加目标</translation>
    </message>
    <message>
        <source>Split evenly</source>
        <translation>平均分配</translation>
    </message>
    <message>
        <source>Service host: a short name, an FQDN or a ServiceEntry host</source>
        <translation>服务主机：短名称、FQDN 或 ServiceEntry 主机</translation>
    </message>
    <message>
        <source>host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>subset</source>
        <translation>子集</translation>
    </message>
    <message>
        <source>Port (needed when the service has several)</source>
        <translation>端口（服务有多个端口时必填）</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Share of the requests; the weights of a route add up to 100</source>
        <translation>请求占比；一条路由的权重之和为 100</translation>
    </message>
    <message>
        <source>No destination</source>
        <translation>没有目标</translation>
    </message>
    <message>
        <source>Total: 100 % (one destination)</source>
        <translation>合计：100 %（单个目标）</translation>
    </message>
    <message>
        <source>Total: %1 %</source>
        <translation>合计：%1 %</translation>
    </message>
    <message>
        <source>⚠ Total: %1 % — the weights must add up to 100</source>
        <translation>⚠ 合计：%1 % —— 权重之和必须为 100</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::DestinationRuleForm</name>
    <message>
        <source>Destination</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>The service the policy applies to, as in the registry</source>
        <translation>策略作用的服务（与服务注册表中一致）</translation>
    </message>
    <message>
        <source>Workload selector</source>
        <translation>工作负载选择器</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Only for the client workloads with these labels (optional)</source>
        <translation>仅作用于带有这些标签的客户端工作负载（可选）</translation>
    </message>
    <message>
        <source>Traffic policy</source>
        <translation>流量策略</translation>
    </message>
    <message>
        <source>Subsets</source>
        <translation>子集</translation>
    </message>
    <message>
        <source>Add a subset per version</source>
        <translation>按版本添加子集</translation>
    </message>
    <message>
        <source>One subset per value of the &quot;version&quot; label of the host&apos;s Pods</source>
        <translation>按该主机 Pod 的 &quot;version&quot; 标签的每个取值创建一个子集</translation>
    </message>
    <message>
        <source>Add subset</source>
        <translation>添加子集</translation>
    </message>
    <message>
        <source>Subset %1</source>
        <translation>子集 %1</translation>
    </message>
    <message>
        <source>  ·  own policy</source>
        <translation>  ·  自有策略</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>e.g. v1</source>
        <translation>例如 v1</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Traffic policy of this subset</source>
        <translation>此子集的流量策略</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::DurationField</name>
    <message>
        <source>e.g. 5s, 250ms, 1m30s</source>
        <translation>例如 5s、250ms、1m30s</translation>
    </message>
    <message>
        <source>Not a duration: write a number and a unit (h, m, s, ms)</source>
        <translation>不是有效的时长：请写数字加单位（h、m、s、ms）</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::FormBase</name>
    <message>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>e.g. reviews</source>
        <translation>例如 reviews</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>注解</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>namespace, &quot;.&quot; or &quot;*&quot;</source>
        <translation>命名空间、&quot;.&quot; 或 &quot;*&quot;</translation>
    </message>
    <message>
        <source>Add namespace</source>
        <translation>添加命名空间</translation>
    </message>
    <message>
        <source>Namespaces that see this policy: &quot;.&quot; its own, &quot;*&quot; all (the default when empty)</source>
        <translation>可见此策略的命名空间：&quot;.&quot; 表示自身所在命名空间，&quot;*&quot; 表示全部（为空时的默认值）</translation>
    </message>
    <message>
        <source>Add target</source>
        <translation>添加目标</translation>
    </message>
    <message>
        <source>name (a waypoint, gateway or Service)</source>
        <translation>名称（waypoint、网关或 Service）</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>作用范围</translation>
    </message>
    <message>
        <source>Mesh-wide (root namespace %1)</source>
        <translation>整个网格（根命名空间 %1）</translation>
    </message>
    <message>
        <source>Workloads (label selector)</source>
        <translation>工作负载（标签选择器）</translation>
    </message>
    <message>
        <source>Targets (waypoint, gateway or Service)</source>
        <translation>目标（waypoint、网关或 Service）</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>作用于</translation>
    </message>
    <message>
        <source>Every workload of the mesh: the policy lives in the root namespace. Keep one mesh-wide policy of a kind.</source>
        <translation>网格中的所有工作负载：策略位于根命名空间。每种类型只保留一个网格级策略。</translation>
    </message>
    <message>
        <source>Every workload in the policy&apos;s namespace.</source>
        <translation>策略所在命名空间中的所有工作负载。</translation>
    </message>
    <message>
        <source>The workloads whose Pods carry all these labels, in the policy&apos;s namespace. Enforced by their sidecar, or by ztunnel in ambient mode (L4 only).</source>
        <translation>策略所在命名空间中 Pod 带有全部这些标签的工作负载。由其 Sidecar 执行，ambient 模式下由 ztunnel 执行（仅 L4）。</translation>
    </message>
    <message>
        <source>The named waypoint, gateway or Service: in ambient mode L7 rules (paths, methods, JWT principals) must go here.</source>
        <translation>指定的 waypoint、网关或 Service：在 ambient 模式下，L7 规则（路径、方法、JWT 主体）必须放在这里。</translation>
    </message>
    <message>
        <source>Selector</source>
        <translation>选择器</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>⚠ Namespace %1 runs in ambient mode: ztunnel enforces only L4, so the HTTP parts of these rules (methods, paths, hosts, request principals, request headers) are not enforced for workloads chosen by selector or namespace. Attach the policy to a waypoint with Targets.</source>
        <translation>⚠ 命名空间 %1 运行在 ambient 模式：ztunnel 只执行 L4，因此对于通过选择器或命名空间选定的工作负载，这些规则中的 HTTP 部分（方法、路径、主机、请求主体、请求头）不会生效。请通过&quot;目标&quot;将策略关联到 waypoint。</translation>
    </message>
    <message>
        <source>Add port</source>
        <translation>添加端口</translation>
    </message>
    <message>
        <source>Locality enabled</source>
        <translation>启用地域负载均衡</translation>
    </message>
    <message>
        <source>from: region/zone/*</source>
        <translation>来源：地域/可用区/*</translation>
    </message>
    <message>
        <source>to: region/zone/*=80, other/*=20</source>
        <translation>目标：地域/可用区/*=80, other/*=20</translation>
    </message>
    <message>
        <source>Distribute</source>
        <translation>分配</translation>
    </message>
    <message>
        <source>Where the traffic of each origin locality goes, by weight</source>
        <translation>各来源地域的流量按权重发往何处</translation>
    </message>
    <message>
        <source>from region</source>
        <translation>源地域</translation>
    </message>
    <message>
        <source>to region</source>
        <translation>目标地域</translation>
    </message>
    <message>
        <source>Failover</source>
        <translation>故障转移</translation>
    </message>
    <message>
        <source>Needs outlier detection to take effect</source>
        <translation>需要配合异常检测才能生效</translation>
    </message>
    <message>
        <source>label, e.g. topology.kubernetes.io/region</source>
        <translation>标签，例如 topology.kubernetes.io/region</translation>
    </message>
    <message>
        <source>Add label</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>Failover priority</source>
        <translation>故障转移优先级</translation>
    </message>
    <message>
        <source>Load balancer</source>
        <translation>负载均衡</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>算法</translation>
    </message>
    <message>
        <source>Leave unset to use consistent hashing below</source>
        <translation>不设置则使用下方的一致性哈希</translation>
    </message>
    <message>
        <source>Consistent hash (sticky sessions): hash on one of</source>
        <translation>一致性哈希（会话保持）：按以下其中一项哈希</translation>
    </message>
    <message>
        <source>HTTP header</source>
        <translation>HTTP 请求头</translation>
    </message>
    <message>
        <source>x-user</source>
        <translation>x-user</translation>
    </message>
    <message>
        <source>Cookie</source>
        <translation>Cookie</translation>
    </message>
    <message>
        <source>session</source>
        <translation>session</translation>
    </message>
    <message>
        <source>Cookie TTL</source>
        <translation>Cookie 有效期</translation>
    </message>
    <message>
        <source>Query parameter</source>
        <translation>查询参数</translation>
    </message>
    <message>
        <source>Source IP</source>
        <translation>源 IP</translation>
    </message>
    <message>
        <source>Locality load balancing</source>
        <translation>地域负载均衡</translation>
    </message>
    <message>
        <source>Connection pool</source>
        <translation>连接池</translation>
    </message>
    <message>
        <source>TCP: max connections</source>
        <translation>TCP：最大连接数</translation>
    </message>
    <message>
        <source>TCP: connect timeout</source>
        <translation>TCP：连接超时</translation>
    </message>
    <message>
        <source>HTTP/1.1: max pending requests</source>
        <translation>HTTP/1.1：最大等待请求数</translation>
    </message>
    <message>
        <source>HTTP/2: max requests</source>
        <translation>HTTP/2：最大请求数</translation>
    </message>
    <message>
        <source>Max requests per connection</source>
        <translation>每连接最大请求数</translation>
    </message>
    <message>
        <source>Max concurrent retries</source>
        <translation>最大并发重试数</translation>
    </message>
    <message>
        <source>Idle timeout</source>
        <translation>空闲超时</translation>
    </message>
    <message>
        <source>HTTP/2 upgrade</source>
        <translation>HTTP/2 升级</translation>
    </message>
    <message>
        <source>Outlier detection</source>
        <translation>异常检测</translation>
    </message>
    <message>
        <source>Consecutive 5xx errors</source>
        <translation>连续 5xx 错误数</translation>
    </message>
    <message>
        <source>Consecutive gateway errors</source>
        <translation>连续网关错误数</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>检测间隔</translation>
    </message>
    <message>
        <source>Base ejection time</source>
        <translation>基础驱逐时间</translation>
    </message>
    <message>
        <source>Max ejection</source>
        <translation>最大驱逐比例</translation>
    </message>
    <message>
        <source>Min healthy</source>
        <translation>最小健康比例</translation>
    </message>
    <message>
        <source>Client TLS</source>
        <translation>客户端 TLS</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>ISTIO_MUTUAL: the mesh&apos;s certificates. SIMPLE or MUTUAL: to a server outside the mesh</source>
        <translation>ISTIO_MUTUAL：使用网格的证书。SIMPLE 或 MUTUAL：连接网格外的服务器</translation>
    </message>
    <message>
        <source>Credential (Secret)</source>
        <translation>凭据（Secret）</translation>
    </message>
    <message>
        <source>SNI</source>
        <translation>SNI</translation>
    </message>
    <message>
        <source>Subject alt names</source>
        <translation>主题备用名称</translation>
    </message>
    <message>
        <source>spiffe://... or DNS name</source>
        <translation>spiffe://... 或 DNS 名称</translation>
    </message>
    <message>
        <source>Add name</source>
        <translation>添加名称</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>客户端证书</translation>
    </message>
    <message>
        <source>/etc/certs/cert.pem</source>
        <translation>/etc/certs/cert.pem</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>私钥</translation>
    </message>
    <message>
        <source>/etc/certs/key.pem</source>
        <translation>/etc/certs/key.pem</translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>CA revocation list</source>
        <translation>CA 吊销列表</translation>
    </message>
    <message>
        <source>Skip verification</source>
        <translation>跳过校验</translation>
    </message>
    <message>
        <source>Port-level settings</source>
        <translation>端口级设置</translation>
    </message>
    <message>
        <source>Port %1</source>
        <translation>端口 %1</translation>
    </message>
    <message>
        <source>Port (not set)</source>
        <translation>端口（未设置）</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::GatewayForm</name>
    <message>
        <source>Gateway workloads</source>
        <translation>网关工作负载</translation>
    </message>
    <message>
        <source>Selector</source>
        <translation>选择器</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>The labels of the gateway Pods, e.g. istio=ingressgateway</source>
        <translation>网关 Pod 的标签，例如 istio=ingressgateway</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Add server</source>
        <translation>添加服务器</translation>
    </message>
    <message>
        <source>Server %1: %2 %3</source>
        <translation>服务器 %1：%2 %3</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Port name</source>
        <translation>端口名称</translation>
    </message>
    <message>
        <source>e.g. https</source>
        <translation>例如 https</translation>
    </message>
    <message>
        <source>Target port</source>
        <translation>目标端口</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>e.g. bookinfo.example.com, or ns/host</source>
        <translation>例如 bookinfo.example.com，或 命名空间/主机</translation>
    </message>
    <message>
        <source>Add host</source>
        <translation>添加主机</translation>
    </message>
    <message>
        <source>Hosts exposed by this server; &quot;namespace/host&quot; limits which VirtualServices may bind</source>
        <translation>此服务器暴露的主机；&quot;命名空间/主机&quot; 限制可以绑定的 VirtualService</translation>
    </message>
    <message>
        <source>Server name</source>
        <translation>服务器名称</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Bind address</source>
        <translation>绑定地址</translation>
    </message>
    <message>
        <source>e.g. 0.0.0.0</source>
        <translation>例如 0.0.0.0</translation>
    </message>
    <message>
        <source>Default endpoint</source>
        <translation>默认端点</translation>
    </message>
    <message>
        <source>127.0.0.1:8080</source>
        <translation>127.0.0.1:8080</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Credential (Secret)</source>
        <translation>凭据（Secret）</translation>
    </message>
    <message>
        <source>A Secret in the gateway&apos;s namespace holding the certificate and key (and ca.crt for MUTUAL)</source>
        <translation>网关所在命名空间中保存证书和私钥的 Secret（MUTUAL 模式还需 ca.crt）</translation>
    </message>
    <message>
        <source>More credentials</source>
        <translation>更多凭据</translation>
    </message>
    <message>
        <source>secret</source>
        <translation>Secret</translation>
    </message>
    <message>
        <source>Add secret</source>
        <translation>添加 Secret</translation>
    </message>
    <message>
        <source>Redirect HTTP to HTTPS</source>
        <translation>将 HTTP 重定向到 HTTPS</translation>
    </message>
    <message>
        <source>Answer HTTP with a 301</source>
        <translation>对 HTTP 请求返回 301</translation>
    </message>
    <message>
        <source>Minimum TLS version</source>
        <translation>最低 TLS 版本</translation>
    </message>
    <message>
        <source>Cipher suites</source>
        <translation>加密套件</translation>
    </message>
    <message>
        <source>cipher</source>
        <translation>加密套件</translation>
    </message>
    <message>
        <source>Add cipher</source>
        <translation>添加加密套件</translation>
    </message>
    <message>
        <source>Subject alt names</source>
        <translation>主题备用名称</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Add name</source>
        <translation>添加名称</translation>
    </message>
    <message>
        <source>Server certificate</source>
        <translation>服务器证书</translation>
    </message>
    <message>
        <source>file path (instead of a Secret)</source>
        <translation>文件路径（代替 Secret）</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>私钥</translation>
    </message>
    <message>
        <source>file path</source>
        <translation>文件路径</translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation>CA 证书</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::IntField</name>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::ItemList</name>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Drag to reorder</source>
        <translation>拖动以调整顺序</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::KeyValueEdit</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::MatchListEdit</name>
    <message>
        <source>Add origin</source>
        <translation>添加来源域</translation>
    </message>
    <message>
        <source>https://example.com</source>
        <translation>https://example.com</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::MatchMapEdit</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>value (empty: present)</source>
        <translation>值（为空：存在即匹配）</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::PeerAuthenticationForm</name>
    <message>
        <source>Mutual TLS</source>
        <translation>双向 TLS</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>STRICT: only mTLS connections are accepted. PERMISSIVE: mTLS and plain text. DISABLE: plain text. UNSET or not set: inherit from the namespace or mesh policy. Clients need ISTIO_MUTUAL (automatic unless a DestinationRule sets TLS).</source>
        <translation>STRICT：只接受 mTLS 连接。PERMISSIVE：接受 mTLS 和明文。DISABLE：明文。UNSET 或未设置：继承命名空间或网格策略。客户端需要 ISTIO_MUTUAL（除非 DestinationRule 设置了 TLS，否则自动启用）。</translation>
    </message>
    <message>
        <source>Per port</source>
        <translation>按端口</translation>
    </message>
    <message>
        <source>Workload ports (container ports) with their own mode; needs a workload selector</source>
        <translation>使用单独模式的工作负载端口（容器端口）；需要工作负载选择器</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::RealField</name>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::RequestAuthenticationForm</name>
    <message>
        <source>JWT rules</source>
        <translation>JWT 规则</translation>
    </message>
    <message>
        <source>Requests with an invalid token are rejected; requests without one are let through. To require a token, add an AuthorizationPolicy with requestPrincipals (the &quot;JWT required&quot; wizard does both).</source>
        <translation>令牌无效的请求会被拒绝；不带令牌的请求会被放行。要强制要求令牌，请添加带 requestPrincipals 的 AuthorizationPolicy（&quot;工作负载必须携带 JWT&quot; 向导会同时创建两者）。</translation>
    </message>
    <message>
        <source>Add issuer</source>
        <translation>添加签发者</translation>
    </message>
    <message>
        <source>Issuer %1</source>
        <translation>签发者 %1</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>签发者</translation>
    </message>
    <message>
        <source>https://accounts.example.com</source>
        <translation>https://accounts.example.com</translation>
    </message>
    <message>
        <source>Audiences</source>
        <translation>受众</translation>
    </message>
    <message>
        <source>audience</source>
        <translation>受众</translation>
    </message>
    <message>
        <source>Add audience</source>
        <translation>添加受众</translation>
    </message>
    <message>
        <source>JWKS URI</source>
        <translation>JWKS URI</translation>
    </message>
    <message>
        <source>https://.../.well-known/jwks.json</source>
        <translation>https://.../.well-known/jwks.json</translation>
    </message>
    <message>
        <source>Where the public keys are fetched from (or give them inline below)</source>
        <translation>公钥的获取地址（或在下方内联提供）</translation>
    </message>
    <message>
        <source>JWKS (inline)</source>
        <translation>JWKS（内联）</translation>
    </message>
    <message>
        <source>{&quot;keys&quot;: [...]}</source>
        <translation>{&quot;keys&quot;: [...]}</translation>
    </message>
    <message>
        <source>Fetch timeout</source>
        <translation>获取超时</translation>
    </message>
    <message>
        <source>header</source>
        <translation>请求头</translation>
    </message>
    <message>
        <source>prefix, e.g. &quot;Bearer &quot;</source>
        <translation>前缀，例如 &quot;Bearer &quot;</translation>
    </message>
    <message>
        <source>Token from headers</source>
        <translation>从请求头获取令牌</translation>
    </message>
    <message>
        <source>Default: the Authorization header with the &quot;Bearer &quot; prefix</source>
        <translation>默认：带 &quot;Bearer &quot; 前缀的 Authorization 请求头</translation>
    </message>
    <message>
        <source>Token from parameters</source>
        <translation>从参数获取令牌</translation>
    </message>
    <message>
        <source>access_token</source>
        <translation>access_token</translation>
    </message>
    <message>
        <source>Add parameter</source>
        <translation>添加参数</translation>
    </message>
    <message>
        <source>Token from cookies</source>
        <translation>从 Cookie 获取令牌</translation>
    </message>
    <message>
        <source>cookie</source>
        <translation>Cookie</translation>
    </message>
    <message>
        <source>Add cookie</source>
        <translation>添加 Cookie</translation>
    </message>
    <message>
        <source>Forward the token</source>
        <translation>转发令牌</translation>
    </message>
    <message>
        <source>Payload to header</source>
        <translation>载荷写入请求头</translation>
    </message>
    <message>
        <source>x-jwt-payload</source>
        <translation>x-jwt-payload</translation>
    </message>
    <message>
        <source>claim</source>
        <translation>声明</translation>
    </message>
    <message>
        <source>Claims to headers</source>
        <translation>声明写入请求头</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::RowList</name>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::ServiceEntryForm</name>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>e.g. api.example.com</source>
        <translation>例如 api.example.com</translation>
    </message>
    <message>
        <source>Add host</source>
        <translation>添加主机</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>IP or CIDR</source>
        <translation>IP 或 CIDR</translation>
    </message>
    <message>
        <source>Add address</source>
        <translation>添加地址</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>MESH_EXTERNAL: outside the mesh (no mTLS). MESH_INTERNAL: part of the mesh (VMs)</source>
        <translation>MESH_EXTERNAL：网格外（无 mTLS）。MESH_INTERNAL：网格的一部分（虚拟机）</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解析方式</translation>
    </message>
    <message>
        <source>STATIC: the endpoints&apos; addresses. DNS: resolve the hosts (or endpoints)</source>
        <translation>STATIC：使用端点的地址。DNS：解析主机（或端点）</translation>
    </message>
    <message>
        <source>Subject alt names</source>
        <translation>主题备用名称</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Add name</source>
        <translation>添加名称</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Add port</source>
        <translation>添加端口</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>端口号</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>e.g. https</source>
        <translation>例如 https</translation>
    </message>
    <message>
        <source>Target port</source>
        <translation>目标端口</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Workload selector</source>
        <translation>工作负载选择器</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Select WorkloadEntries or Pods instead of listing endpoints</source>
        <translation>通过选择 WorkloadEntry 或 Pod 代替列出端点</translation>
    </message>
    <message>
        <source>Add endpoint</source>
        <translation>添加端点</translation>
    </message>
    <message>
        <source>Endpoint %1: %2</source>
        <translation>端点 %1：%2</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>IP, hostname or unix:///path</source>
        <translation>IP、主机名或 unix:///路径</translation>
    </message>
    <message>
        <source>port name</source>
        <translation>端口名称</translation>
    </message>
    <message>
        <source>number</source>
        <translation>端口号</translation>
    </message>
    <message>
        <source>Endpoint port per service port name</source>
        <translation>按服务端口名称指定端点端口</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Locality</source>
        <translation>地域</translation>
    </message>
    <message>
        <source>region/zone/subzone</source>
        <translation>地域/可用区/子可用区</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Service account</source>
        <translation>服务账号</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::StringMatchEdit</name>
    <message>
        <source>exact</source>
        <translation>精确</translation>
    </message>
    <message>
        <source>prefix</source>
        <translation>前缀</translation>
    </message>
    <message>
        <source>regex</source>
        <translation>正则</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::TriField</name>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source>true</source>
        <translation>true</translation>
    </message>
    <message>
        <source>false</source>
        <translation>false</translation>
    </message>
</context>
<context>
    <name>md::ui::forms::VirtualServiceForm</name>
    <message>
        <source>Hosts and gateways</source>
        <translation>主机与网关</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>e.g. reviews</source>
        <translation>例如 reviews</translation>
    </message>
    <message>
        <source>Add host</source>
        <translation>添加主机</translation>
    </message>
    <message>
        <source>The destinations these rules apply to (the service&apos;s name or FQDN)</source>
        <translation>这些规则作用的目标（服务名称或 FQDN）</translation>
    </message>
    <message>
        <source>Gateways</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>namespace/name, or mesh</source>
        <translation>命名空间/名称，或 mesh</translation>
    </message>
    <message>
        <source>Add gateway</source>
        <translation>添加网关</translation>
    </message>
    <message>
        <source>No gateway: the rules apply to the sidecars of the mesh. With gateways, add &quot;mesh&quot; to also apply them inside the mesh.</source>
        <translation>未指定网关：规则作用于网格的 Sidecar。指定网关时，添加 &quot;mesh&quot; 以同时作用于网格内部。</translation>
    </message>
    <message>
        <source>HTTP routes</source>
        <translation>HTTP 路由</translation>
    </message>
    <message>
        <source>TLS routes</source>
        <translation>TLS 路由</translation>
    </message>
    <message>
        <source>TCP routes</source>
        <translation>TCP 路由</translation>
    </message>
    <message>
        <source>Routes are tried in order: the first whose match fits the request wins. Drag the grip or use the arrows to reorder.</source>
        <translation>路由按顺序尝试：第一个匹配请求的路由生效。拖动手柄或使用箭头调整顺序。</translation>
    </message>
    <message>
        <source>Add HTTP route</source>
        <translation>添加 HTTP 路由</translation>
    </message>
    <message>
        <source>Route %1</source>
        <translation>路由 %1</translation>
    </message>
    <message>
        <source>Route %1: %2</source>
        <translation>路由 %1：%2</translation>
    </message>
    <message>
        <source>Add TLS route</source>
        <translation>添加 TLS 路由</translation>
    </message>
    <message>
        <source>Add TCP route</source>
        <translation>添加 TCP 路由</translation>
    </message>
    <message>
        <source>every request</source>
        <translation>所有请求</translation>
    </message>
    <message>
        <source>→ redirect %1</source>
        <translation>→ 重定向 %1</translation>
    </message>
    <message>
        <source>→ respond %1</source>
        <translation>→ 响应 %1</translation>
    </message>
    <message>
        <source>→ delegate %1</source>
        <translation>→ 委托 %1</translation>
    </message>
    <message>
        <source>timeout %1</source>
        <translation>超时 %1</translation>
    </message>
    <message>
        <source>retries %1</source>
        <translation>重试 %1</translation>
    </message>
    <message>
        <source>fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>rewrite</source>
        <translation>重写</translation>
    </message>
    <message>
        <source>CORS</source>
        <translation>CORS</translation>
    </message>
    <message>
        <source>every connection</source>
        <translation>所有连接</translation>
    </message>
    <message>
        <source>Destinations</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Source labels</source>
        <translation>源标签</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Source namespace</source>
        <translation>源命名空间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>optional, shown in access logs</source>
        <translation>可选，显示在访问日志中</translation>
    </message>
    <message>
        <source>Match conditions</source>
        <translation>匹配条件</translation>
    </message>
    <message>
        <source>A request matches when it fits every condition of one block (blocks are alternatives). No block: every request.</source>
        <translation>请求满足某个匹配块中的全部条件即匹配（各匹配块之间为&quot;或&quot;关系）。没有匹配块：匹配所有请求。</translation>
    </message>
    <message>
        <source>Add match block</source>
        <translation>添加匹配块</translation>
    </message>
    <message>
        <source>Match %1</source>
        <translation>匹配 %1</translation>
    </message>
    <message>
        <source>Match %1: %2</source>
        <translation>匹配 %1：%2</translation>
    </message>
    <message>
        <source>Redirect (instead of destinations)</source>
        <translation>重定向（代替目标）</translation>
    </message>
    <message>
        <source>URI</source>
        <translation>URI</translation>
    </message>
    <message>
        <source>/new/path</source>
        <translation>/new/path</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Authority</translation>
    </message>
    <message>
        <source>new.example.com</source>
        <translation>new.example.com</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>协议方案</translation>
    </message>
    <message>
        <source>Derive port</source>
        <translation>端口推导</translation>
    </message>
    <message>
        <source>Status code</source>
        <translation>状态码</translation>
    </message>
    <message>
        <source>301 when not set</source>
        <translation>未设置时为 301</translation>
    </message>
    <message>
        <source>Direct response (instead of destinations)</source>
        <translation>直接响应（代替目标）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态码</translation>
    </message>
    <message>
        <source>Body (text)</source>
        <translation>响应体（文本）</translation>
    </message>
    <message>
        <source>Body (base64)</source>
        <translation>响应体（base64）</translation>
    </message>
    <message>
        <source>Delegate (to another VirtualService)</source>
        <translation>委托（给另一个 VirtualService）</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Total time for the request, retries included</source>
        <translation>请求的总时长，包括重试</translation>
    </message>
    <message>
        <source>Rewrite</source>
        <translation>重写</translation>
    </message>
    <message>
        <source>URI prefix</source>
        <translation>URI 前缀</translation>
    </message>
    <message>
        <source>/v2/</source>
        <translation>/v2/</translation>
    </message>
    <message>
        <source>Replaces the part of the path the URI match matched</source>
        <translation>替换路径中被 URI 匹配命中的部分</translation>
    </message>
    <message>
        <source>Regex match</source>
        <translation>正则匹配</translation>
    </message>
    <message>
        <source>^/service/([^/]+)(/.*)$</source>
        <translation>^/service/([^/]+)(/.*)$</translation>
    </message>
    <message>
        <source>Regex rewrite</source>
        <translation>正则重写</translation>
    </message>
    <message>
        <source>\2/instance/\1</source>
        <translation>\2/instance/\1</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>请求头</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>%1: set</source>
        <translation>%1：设置</translation>
    </message>
    <message>
        <source>header</source>
        <translation>请求头</translation>
    </message>
    <message>
        <source>%1: add</source>
        <translation>%1：添加</translation>
    </message>
    <message>
        <source>%1: remove</source>
        <translation>%1：删除</translation>
    </message>
    <message>
        <source>Add header</source>
        <translation>添加请求头</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>重试次数</translation>
    </message>
    <message>
        <source>Per-try timeout</source>
        <translation>单次重试超时</translation>
    </message>
    <message>
        <source>Retry on</source>
        <translation>重试条件</translation>
    </message>
    <message>
        <source>e.g. 5xx,gateway-error,reset,connect-failure</source>
        <translation>例如 5xx,gateway-error,reset,connect-failure</translation>
    </message>
    <message>
        <source>Backoff</source>
        <translation>退避间隔</translation>
    </message>
    <message>
        <source>Retry other localities</source>
        <translation>重试其他地域</translation>
    </message>
    <message>
        <source>Fault injection</source>
        <translation>故障注入</translation>
    </message>
    <message>
        <source>Timeouts and retries of this route do not apply while a fault is injected.</source>
        <translation>注入故障期间，此路由的超时和重试不生效。</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Delay for</source>
        <translation>延迟比例</translation>
    </message>
    <message>
        <source>Abort with HTTP status</source>
        <translation>以 HTTP 状态码中止</translation>
    </message>
    <message>
        <source>Abort with gRPC status</source>
        <translation>以 gRPC 状态中止</translation>
    </message>
    <message>
        <source>e.g. UNAVAILABLE</source>
        <translation>例如 UNAVAILABLE</translation>
    </message>
    <message>
        <source>Abort for</source>
        <translation>中止比例</translation>
    </message>
    <message>
        <source>Mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Subset</source>
        <translation>子集</translation>
    </message>
    <message>
        <source>Share of the requests copied to the mirror (100 % when not set)</source>
        <translation>复制到镜像的请求比例（未设置时为 100 %）</translation>
    </message>
    <message>
        <source>More mirrors</source>
        <translation>更多镜像</translation>
    </message>
    <message>
        <source>Add mirror</source>
        <translation>添加镜像</translation>
    </message>
    <message>
        <source>Mirror %1: %2</source>
        <translation>镜像 %1：%2</translation>
    </message>
    <message>
        <source>Percentage</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Allowed origins</source>
        <translation>允许的来源域</translation>
    </message>
    <message>
        <source>Allowed methods</source>
        <translation>允许的方法</translation>
    </message>
    <message>
        <source>GET</source>
        <translation>GET</translation>
    </message>
    <message>
        <source>Add method</source>
        <translation>添加方法</translation>
    </message>
    <message>
        <source>Allowed headers</source>
        <translation>允许的请求头</translation>
    </message>
    <message>
        <source>Exposed headers</source>
        <translation>暴露的响应头</translation>
    </message>
    <message>
        <source>Max age</source>
        <translation>最大缓存时间</translation>
    </message>
    <message>
        <source>Allow credentials</source>
        <translation>允许凭据</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>/api/v1</source>
        <translation>/api/v1</translation>
    </message>
    <message>
        <source>Ignore URI case</source>
        <translation>忽略 URI 大小写</translation>
    </message>
    <message>
        <source>Case-insensitive URI match</source>
        <translation>URI 匹配不区分大小写</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>https</source>
        <translation>https</translation>
    </message>
    <message>
        <source>host:port</source>
        <translation>主机:端口</translation>
    </message>
    <message>
        <source>header name</source>
        <translation>请求头名称</translation>
    </message>
    <message>
        <source>Without headers</source>
        <translation>不含请求头</translation>
    </message>
    <message>
        <source>Query parameters</source>
        <translation>查询参数</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>SNI hosts</source>
        <translation>SNI 主机</translation>
    </message>
    <message>
        <source>*.example.com</source>
        <translation>*.example.com</translation>
    </message>
    <message>
        <source>Destination subnets</source>
        <translation>目标子网</translation>
    </message>
    <message>
        <source>10.0.0.0/8</source>
        <translation>10.0.0.0/8</translation>
    </message>
    <message>
        <source>Add subnet</source>
        <translation>添加子网</translation>
    </message>
</context>
<context>
    <name>md::ui::topology::TopologyPage</name>
    <message>
        <source>Show all</source>
        <translation>全部显示</translation>
    </message>
    <message numerus="yes">
        <source>Traffic animation is off for graphs of more than %n edges.</source>
        <translation>
            <numerusform>超过 %n 条边的图不启用流量动画。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>找到 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Workload graph</source>
        <translation>工作负载图</translation>
    </message>
    <message>
        <source>App graph</source>
        <translation>应用图</translation>
    </message>
    <message>
        <source>Versioned app graph</source>
        <translation>版本化应用图</translation>
    </message>
    <message>
        <source>Service graph</source>
        <translation>服务图</translation>
    </message>
    <message>
        <source>No edge labels</source>
        <translation>无边标签</translation>
    </message>
    <message>
        <source>Request rate</source>
        <translation>请求速率</translation>
    </message>
    <message>
        <source>Request distribution</source>
        <translation>请求分布</translation>
    </message>
    <message>
        <source>Response time (p95)</source>
        <translation>响应时间（p95）</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Security (mTLS)</source>
        <translation>安全（mTLS）</translation>
    </message>
    <message>
        <source>What the edge labels show</source>
        <translation>边标签显示的内容</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Show nodes and edges without traffic in the time range</source>
        <translation>显示时间范围内没有流量的节点和边</translation>
    </message>
    <message>
        <source>Hide healthy</source>
        <translation>隐藏健康项</translation>
    </message>
    <message>
        <source>Show only failing and degraded traffic</source>
        <translation>仅显示失败和降级的流量</translation>
    </message>
    <message>
        <source>Animate</source>
        <translation>动画</translation>
    </message>
    <message>
        <source>Traffic animation (small graphs only)</source>
        <translation>流量动画（仅小型图）</translation>
    </message>
    <message>
        <source>Find node (Ctrl+F)</source>
        <translation>查找节点（Ctrl+F）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Fit the graph to the window (F). Zoom with the wheel or + and -, 0 for 100 %.</source>
        <translation>使图适应窗口（F）。用滚轮或 + 和 - 缩放，0 为 100%。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save the graph as PNG or SVG</source>
        <translation>将图保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>All namespaces</source>
        <translation>所有命名空间</translation>
    </message>
    <message>
        <source>All clusters</source>
        <translation>所有集群</translation>
    </message>
    <message>
        <source>Namespace: %1</source>
        <translation>命名空间：%1</translation>
    </message>
    <message>
        <source>Cluster: %1</source>
        <translation>集群：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n namespaces</source>
        <translation>
            <numerusform>%n 个命名空间</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clusters</source>
        <translation>
            <numerusform>%n 个集群</numerusform>
        </translation>
    </message>
    <message>
        <source>Showing only %1 and its neighbours.</source>
        <translation>仅显示 %1 及其相邻节点。</translation>
    </message>
    <message>
        <source>No mesh selected</source>
        <translation>未选择网格</translation>
    </message>
    <message>
        <source>The topology shows the traffic of a mesh. Select a mesh in the mesh selector of the toolbar, or create one on the Mesh clusters page.</source>
        <translation>拓扑显示网格的流量。请在工具栏的网格选择器中选择网格，或在“网格集群”页面创建一个。</translation>
    </message>
    <message>
        <source>Mesh %1 has no Prometheus URL</source>
        <translation>网格 %1 没有 Prometheus URL</translation>
    </message>
    <message>
        <source>MeshDesk draws the topology from Istio&apos;s metrics in Prometheus (or Thanos, Mimir, VictoriaMetrics). Set the mesh&apos;s Prometheus URL with Edit Mesh… (Ctrl+Shift+E) on the Mesh clusters page.</source>
        <translation>MeshDesk 根据 Prometheus（或 Thanos、Mimir、VictoriaMetrics）中的 Istio 指标绘制拓扑。请在“网格集群”页面通过“编辑网格…”（Ctrl+Shift+E）设置网格的 Prometheus URL。</translation>
    </message>
    <message>
        <source>Connecting to Prometheus…</source>
        <translation>正在连接 Prometheus…</translation>
    </message>
    <message>
        <source>Cannot use the mesh&apos;s Prometheus</source>
        <translation>无法使用网格的 Prometheus</translation>
    </message>
    <message>
        <source>Loading the topology…</source>
        <translation>正在加载拓扑…</translation>
    </message>
    <message>
        <source>Asking %1 for the mesh&apos;s traffic over the %2.</source>
        <translation>正在向 %1 查询网格在%2的流量。</translation>
    </message>
    <message>
        <source>The refresh failed; the graph is from %1. %2</source>
        <translation>刷新失败；图为 %1 的数据。%2</translation>
    </message>
    <message>
        <source>Prometheus could not answer</source>
        <translation>Prometheus 无法应答</translation>
    </message>
    <message>
        <source>No traffic in the %1</source>
        <translation>%1没有流量</translation>
    </message>
    <message>
        <source>Prometheus at %1 answered, but has no Istio request metrics for the selected clusters, namespaces and time range. Try a longer time range or Idle, or check that Prometheus scrapes the mesh&apos;s proxies.</source>
        <translation>%1 的 Prometheus 已应答，但没有所选集群、命名空间和时间范围的 Istio 请求指标。请尝试更长的时间范围或“空闲”，或检查 Prometheus 是否抓取了网格的代理。</translation>
    </message>
    <message numerus="yes">
        <source>Laying out %n nodes…</source>
        <translation>
            <numerusform>正在布局 %n 个节点…</numerusform>
        </translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Mesh clusters</source>
        <translation>网格集群</translation>
    </message>
    <message numerus="yes">
        <source>%n nodes</source>
        <translation>
            <numerusform>%n 个节点</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edges</source>
        <translation>
            <numerusform>%n 条边</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(of %n nodes)</source>
        <translation>
            <numerusform>（共 %n 个节点）</numerusform>
        </translation>
    </message>
    <message>
        <source>updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <source>layout %1 ms</source>
        <translation>布局 %1 毫秒</translation>
    </message>
    <message>
        <source>zoom %1 %</source>
        <translation>缩放 %1%</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 个，共 %2 个</translation>
    </message>
    <message>
        <source>Metrics dashboard</source>
        <translation>指标仪表板</translation>
    </message>
    <message>
        <source>Policies…</source>
        <translation>策略…</translation>
    </message>
    <message>
        <source>Show only neighbours</source>
        <translation>仅显示相邻节点</translation>
    </message>
    <message>
        <source>Custom time range</source>
        <translation>自定义时间范围</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>The start must be before the end.</source>
        <translation>开始时间必须早于结束时间。</translation>
    </message>
    <message>
        <source>There is no graph to export.</source>
        <translation>没有可导出的图。</translation>
    </message>
    <message>
        <source>Not enough memory for an image of %1×%2 pixels.</source>
        <translation>内存不足，无法生成 %1×%2 像素的图像。</translation>
    </message>
    <message>
        <source>Cannot write the PNG file.</source>
        <translation>无法写入 PNG 文件。</translation>
    </message>
    <message>
        <source>Service topology</source>
        <translation>服务拓扑</translation>
    </message>
    <message>
        <source>Exported by MeshDesk</source>
        <translation>由 MeshDesk 导出</translation>
    </message>
    <message>
        <source>Cannot write the SVG file.</source>
        <translation>无法写入 SVG 文件。</translation>
    </message>
    <message>
        <source>Export as SVG</source>
        <translation>导出为 SVG</translation>
    </message>
    <message>
        <source>Export as PNG</source>
        <translation>导出为 PNG</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>md::ui::topology::TopologySidePanel</name>
    <message>
        <source>Nothing selected</source>
        <translation>未选择任何内容</translation>
    </message>
    <message>
        <source>Click a node or an edge to see its traffic, health and the policies that apply to it. Right-click a node for more.</source>
        <translation>单击节点或边可查看其流量、健康状况和适用的策略。右键单击节点可查看更多操作。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>流量</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Bytes received/s</source>
        <translation>接收字节/秒</translation>
    </message>
    <message>
        <source>Bytes sent/s</source>
        <translation>发送字节/秒</translation>
    </message>
    <message>
        <source>Connections opened/s</source>
        <translation>打开连接/秒</translation>
    </message>
    <message>
        <source>Request rate</source>
        <translation>请求速率</translation>
    </message>
    <message>
        <source>5xx rate</source>
        <translation>5xx 速率</translation>
    </message>
    <message>
        <source>Latency p95</source>
        <translation>延迟 p95</translation>
    </message>
    <message>
        <source>No Prometheus</source>
        <translation>无 Prometheus</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <source>No live configuration (no mesh selected).</source>
        <translation>没有实时配置（未选择网格）。</translation>
    </message>
    <message>
        <source>No VirtualService, DestinationRule or Gateway refers to it.</source>
        <translation>没有 VirtualService、DestinationRule 或 Gateway 引用它。</translation>
    </message>
    <message>
        <source>No editor for %1 is available yet.</source>
        <translation>暂无 %1 的编辑器。</translation>
    </message>
    <message>
        <source>namespace %1</source>
        <translation>命名空间 %1</translation>
    </message>
    <message>
        <source>cluster %1</source>
        <translation>集群 %1</translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation>%1错误</translation>
    </message>
    <message>
        <source>%1 TCP</source>
        <translation>%1 TCP</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>入站</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>出站</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Metrics dashboard</source>
        <translation>指标仪表板</translation>
    </message>
    <message>
        <source>Only neighbours</source>
        <translation>仅相邻节点</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Edge · %1</source>
        <translation>边 · %1</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>avg %1</source>
        <translation>平均 %1</translation>
    </message>
    <message>
        <source>p50 %1</source>
        <translation>p50 %1</translation>
    </message>
    <message>
        <source>p95 %1</source>
        <translation>p95 %1</translation>
    </message>
    <message>
        <source>p99 %1</source>
        <translation>p99 %1</translation>
    </message>
    <message>
        <source>Response time</source>
        <translation>响应时间</translation>
    </message>
    <message>
        <source>Response bytes</source>
        <translation>响应字节</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>mTLS</source>
        <translation>mTLS</translation>
    </message>
</context>
</TS>
