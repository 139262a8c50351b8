<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>md::Cli</name>
        <message>
            <source>meshdesk-cli: MeshDesk without a window, for scripts.

Exit codes: 0 success, 1 validation or API error, 2 usage error.</source>
            <translation>meshdesk-cli：无窗口的 MeshDesk，供脚本使用。

退出码：0 成功，1 校验或 API 错误，2 用法错误。</translation>
        </message>
        <message>
            <source>The command to run.</source>
            <translation>要运行的命令。</translation>
        </message>
        <message>
            <source>meshdesk-cli: unknown command "%1". Run meshdesk-cli --help.</source>
            <translation>meshdesk-cli：未知命令“%1”。请运行 meshdesk-cli --help。</translation>
        </message>
    </context>
    <context>
        <name>md::Main</name>
        <message>
            <source>MeshDesk: a desktop console for Istio service meshes across Kubernetes clusters.</source>
            <translation>MeshDesk：跨 Kubernetes 集群的 Istio 服务网格桌面控制台。</translation>
        </message>
        <message>
            <source>User interface language: %1 (default: the system's).</source>
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
            <source>meshdesk: no translation for language "%1"; using English. Available: %2</source>
            <translation>meshdesk：没有语言“%1”的翻译，将使用英语。可用语言：%2</translation>
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
        <name>md::ui::CommandPalette</name>
        <message>
            <source>Go to page… (type a name, e.g. "virtual" or "mtls")</source>
            <translation>转到页面…（输入名称，例如“virtual”或“拓扑”）</translation>
        </message>
        <message>
            <source>Search pages</source>
            <translation>搜索页面</translation>
        </message>
        <message>
            <source>No page matches "%1"</source>
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
