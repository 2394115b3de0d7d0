package io.cardlink.rest.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import io.cardlink.api.alert.AlertService;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.metrics.MetricsService;
import io.cardlink.api.orchestration.OrchestrationService;
import io.cardlink.api.logs.LogService;
import io.cardlink.api.orchestration.WorkflowReferenceService;
import io.cardlink.api.retention.RetentionService;
import io.cardlink.api.service.ConnectorService;
import io.cardlink.api.service.ExportImportService;
import io.cardlink.api.service.RunService;
import io.cardlink.api.service.TaskService;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.service.SettingsService;
import io.cardlink.api.service.StatusService;
import io.cardlink.api.timeline.CardTimelineService;
import java.util.Arrays;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the management API on CXF's servlet ({@code /cardlink} by default, see
 * {@code etc/org.apache.cxf.osgi.cfg}) at {@code /api/v1}. The services behind it are dynamic: the endpoint stays up
 * while storage or the engine restart and answers 503 meanwhile.
 */
@Component(immediate = true, configurationPid = "io.cardlink.rest")
@Designate(ocd = RestServer.Config.class)
public class RestServer {
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    @ObjectClassDefinition(name = "Cardlink REST API", description = "Where the management API is served and who may call it")
    public @interface Config {
        @AttributeDefinition(description = "Address below CXF's servlet context (org.apache.cxf.servlet.context)")
        String address() default "/api/v1";

        @AttributeDefinition(description = "Karaf JAAS realm that checks HTTP Basic credentials")
        String realm() default "karaf";

        @AttributeDefinition(description = "JAAS role that may do everything: manage connectors, tasks, settings,"
                + " export and import")
        String managementRole() default "admin";

        @AttributeDefinition(description = "JAAS role that may read everything the management role manages (GET)")
        String viewerRole() default "cardlink-viewer";

        @AttributeDefinition(description = "JAAS role of the workflow engine: the orchestration endpoints and the"
                + " operations it created, nothing else")
        String workflowRole() default "cardlink-workflow";

        @AttributeDefinition(description = "JAAS role of a monitoring system: GET /metrics, nothing else")
        String monitorRole() default "cardlink-monitor";

        @AttributeDefinition(description = "Largest request body in bytes; larger ones get 413", min = "1024")
        long maxBodyBytes() default 1_048_576;

        @AttributeDefinition(description = "Largest body of POST /import in bytes", min = "1024")
        long maxImportBytes() default 10_485_760;

        @AttributeDefinition(description = "Web page origins (such as https://console.example.com) that may send"
                + " requests which change something, besides the API's own; comma separated", required = false)
        String allowedOrigins() default "";

        @AttributeDefinition(description = "Minutes after which an unused console sign-in session ends (1-1440);"
                + " a session ends 12 hours after sign-in at the latest")
        int sessionIdleMinutes() default 30;

        @AttributeDefinition(description = "Seconds for which a user name and password that the realm accepted are"
                + " remembered, so that the caller's next requests skip the JAAS login (a changed password or role"
                + " takes effect after at most this long; a wrong password is never remembered); 0: every request"
                + " logs in", min = "0", max = "300")
        int credentialCacheSeconds() default 10;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConnectorService connectorService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TaskService taskService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StatusService statusService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SettingsService settingsService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConnectorTypeRegistry typeRegistry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ExportImportService exportImportService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RunService runService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MetricsService metricsService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile OrchestrationService orchestrationService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile WorkflowReferenceService workflowReferenceService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AlertService alertService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LogService logService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CardTimelineService cardTimelineService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RetentionService retentionService;

    /** Every root resource of the API. */
    static final List<Class<?>> RESOURCES = List.of(StatusResource.class, ConnectorResource.class,
            ConnectorTypeResource.class, ScheduledTaskResource.class, EventTaskResource.class, SettingsResource.class,
            ExportResource.class, ImportResource.class, RunResources.TaskRuns.class, RunResources.TaskStop.class,
            RunResources.TaskCacheClear.class, RunResources.TaskState.class, RunResources.RunDetail.class,
            OrchestrationResources.TaskCards.class, OrchestrationResources.ConnectorTaskCards.class,
            OrchestrationResources.TaskOperations.class, OrchestrationResources.OperationDetail.class,
            OrchestrationResources.OperationReplay.class, OrchestrationResources.OperationDiscard.class,
            OrchestrationResources.Targets.class, OrchestrationResources.AllHeldCards.class,
            OrchestrationResources.TaskHeldCards.class, OrchestrationResources.TaskWorkflowReferences.class,
            OrchestrationResources.ConnectorWorkflowReferences.class, ScheduleResource.class, SessionResource.class,
            AlertResource.class, CardTimelineResource.class, OpenApiResource.class, MetricsResource.class,
            OperationsResources.Logs.class, OperationsResources.RunLog.class, OperationsResources.RetentionRun.class);

    private Server server;
    private Server fallback;

    @Activate
    void activate(Config config, BundleContext context) {
        ServiceAccess<ConnectorService> connectors = new ServiceAccess<>(() -> connectorService,
                "connector management is not available: the storage or the engine bundle is not active");
        ServiceAccess<ConnectorTypeRegistry> types = new ServiceAccess<>(() -> typeRegistry,
                "the engine bundle is not active");
        ServiceAccess<StatusService> status = new ServiceAccess<>(() -> statusService,
                "the engine bundle is not active");
        String version = context.getBundle().getVersion().toString();

        Map<Role, String> roleNames = Map.of(Role.ADMIN, config.managementRole(), Role.VIEWER, config.viewerRole(),
                Role.WORKFLOW, config.workflowRole(), Role.MONITOR, config.monitorRole());
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(BusFactory.getDefaultBus(true));
        factory.setAddress(config.address());
        factory.setResourceClasses(RESOURCES);
        ServiceAccess<RunService> runs = new ServiceAccess<>(() -> runService,
                "runs are not available: the storage, scheduler or engine bundle is not active");
        factory.setResourceProvider(RunResources.TaskRuns.class,
                new SingletonResourceProvider(new RunResources.TaskRuns(runs)));
        factory.setResourceProvider(RunResources.TaskStop.class,
                new SingletonResourceProvider(new RunResources.TaskStop(runs)));
        factory.setResourceProvider(RunResources.TaskCacheClear.class,
                new SingletonResourceProvider(new RunResources.TaskCacheClear(runs)));
        factory.setResourceProvider(RunResources.TaskState.class,
                new SingletonResourceProvider(new RunResources.TaskState(runs)));
        factory.setResourceProvider(RunResources.RunDetail.class,
                new SingletonResourceProvider(new RunResources.RunDetail(runs)));
        ServiceAccess<ExportImportService> exportImport = new ServiceAccess<>(() -> exportImportService,
                "export and import are not available: the storage or the engine bundle is not active");
        factory.setResourceProvider(ExportResource.class,
                new SingletonResourceProvider(new ExportResource(exportImport)));
        factory.setResourceProvider(ImportResource.class,
                new SingletonResourceProvider(new ImportResource(exportImport)));
        factory.setResourceProvider(SettingsResource.class, new SingletonResourceProvider(new SettingsResource(
                new ServiceAccess<>(() -> settingsService, "the engine bundle is not active"))));
        ServiceAccess<TaskService> tasks = new ServiceAccess<>(() -> taskService,
                "task management is not available: the storage or the engine bundle is not active");
        factory.setResourceProvider(ScheduleResource.class,
                new SingletonResourceProvider(new ScheduleResource(tasks)));
        factory.setResourceProvider(ScheduledTaskResource.class,
                new SingletonResourceProvider(new ScheduledTaskResource(tasks)));
        factory.setResourceProvider(EventTaskResource.class,
                new SingletonResourceProvider(new EventTaskResource(tasks)));
        ServiceAccess<OrchestrationService> orchestration = new ServiceAccess<>(() -> orchestrationService,
                "orchestration is not available: the storage or the engine bundle is not active");
        factory.setResourceProvider(OrchestrationResources.TaskCards.class,
                new SingletonResourceProvider(new OrchestrationResources.TaskCards(orchestration)));
        factory.setResourceProvider(OrchestrationResources.ConnectorTaskCards.class,
                new SingletonResourceProvider(new OrchestrationResources.ConnectorTaskCards(tasks, orchestration)));
        factory.setResourceProvider(OrchestrationResources.TaskOperations.class,
                new SingletonResourceProvider(new OrchestrationResources.TaskOperations(tasks, orchestration)));
        factory.setResourceProvider(OrchestrationResources.OperationDetail.class,
                new SingletonResourceProvider(new OrchestrationResources.OperationDetail(orchestration)));
        factory.setResourceProvider(OrchestrationResources.OperationReplay.class,
                new SingletonResourceProvider(new OrchestrationResources.OperationReplay(orchestration)));
        factory.setResourceProvider(OrchestrationResources.OperationDiscard.class,
                new SingletonResourceProvider(new OrchestrationResources.OperationDiscard(orchestration)));
        factory.setResourceProvider(OrchestrationResources.Targets.class,
                new SingletonResourceProvider(new OrchestrationResources.Targets(orchestration)));
        factory.setResourceProvider(OrchestrationResources.AllHeldCards.class,
                new SingletonResourceProvider(new OrchestrationResources.AllHeldCards(orchestration)));
        factory.setResourceProvider(OrchestrationResources.TaskHeldCards.class,
                new SingletonResourceProvider(new OrchestrationResources.TaskHeldCards(tasks, orchestration)));
        ServiceAccess<WorkflowReferenceService> references = new ServiceAccess<>(() -> workflowReferenceService,
                "workflow references are not available: the storage or the engine bundle is not active");
        factory.setResourceProvider(OrchestrationResources.TaskWorkflowReferences.class,
                new SingletonResourceProvider(new OrchestrationResources.TaskWorkflowReferences(references)));
        factory.setResourceProvider(OrchestrationResources.ConnectorWorkflowReferences.class,
                new SingletonResourceProvider(new OrchestrationResources.ConnectorWorkflowReferences(references)));
        factory.setResourceProvider(AlertResource.class, new SingletonResourceProvider(new AlertResource(
                new ServiceAccess<>(() -> alertService, "alerts are not available: the storage or the engine bundle"
                        + " is not active"))));
        ServiceAccess<LogService> logs = new ServiceAccess<>(() -> logService, "the engine bundle is not active");
        factory.setResourceProvider(OperationsResources.Logs.class,
                new SingletonResourceProvider(new OperationsResources.Logs(logs)));
        factory.setResourceProvider(OperationsResources.RunLog.class,
                new SingletonResourceProvider(new OperationsResources.RunLog(logs)));
        factory.setResourceProvider(OperationsResources.RetentionRun.class,
                new SingletonResourceProvider(new OperationsResources.RetentionRun(new ServiceAccess<>(
                        () -> retentionService, "retention is not available: the storage or the engine bundle is not"
                                + " active"))));
        factory.setResourceProvider(CardTimelineResource.class, new SingletonResourceProvider(
                new CardTimelineResource(new ServiceAccess<>(() -> cardTimelineService, "card timelines are not"
                        + " available: the storage or the engine bundle is not active"))));
        factory.setResourceProvider(StatusResource.class,
                new SingletonResourceProvider(new StatusResource(status, version)));
        factory.setResourceProvider(ConnectorResource.class,
                new SingletonResourceProvider(new ConnectorResource(connectors, types)));
        factory.setResourceProvider(ConnectorTypeResource.class,
                new SingletonResourceProvider(new ConnectorTypeResource(types)));
        factory.setResourceProvider(MetricsResource.class, new SingletonResourceProvider(new MetricsResource(
                new ServiceAccess<>(() -> metricsService, "metrics are not available: the metrics bundle is not"
                        + " active"))));
        factory.setResourceProvider(OpenApiResource.class,
                new SingletonResourceProvider(new OpenApiResource(roleNames, version)));
        RequestGuard guard = new RequestGuard(config.maxBodyBytes(), config.maxImportBytes(),
                Arrays.stream(config.allowedOrigins().split(",")).map(String::trim).filter(o -> !o.isEmpty())
                        .collect(Collectors.toSet()));
        JaasRealm realm = new JaasRealm(config.realm(), roleNames,
                Duration.ofSeconds(Math.max(0, Math.min(300, config.credentialCacheSeconds()))));
        SessionRegistry sessions = new SessionRegistry(Duration.ofMinutes(sessionIdleMinutes(config)),
                Clock.systemUTC());
        factory.setResourceProvider(SessionResource.class,
                new SingletonResourceProvider(new SessionResource(realm, sessions)));
        factory.setProviders(List.of(new JacksonJsonProvider(objectMapper()), guard,
                new BasicAuthFilter(realm, sessions), new AccessFilter(roleNames),
                new CardlinkExceptionMapper(), new JsonErrorMapper(), new WebApplicationExceptionMapper(),
                new UnexpectedExceptionMapper()));

        // CXF looks up its extensions through the context class loader; ours sees CXF and our providers.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RestServer.class.getClassLoader());
        try {
            server = factory.create();
            fallback = NoSuchAddress.server();
        } finally {
            thread.setContextClassLoader(previous);
        }
        LOG.info("Cardlink REST API published at {}", config.address());
    }

    private static int sessionIdleMinutes(Config config) {
        int minutes = config.sessionIdleMinutes();
        if (minutes < 1 || minutes > 24 * 60) {
            LOG.error("Configuration io.cardlink.rest: sessionIdleMinutes {} is not between 1 and 1440; using 30",
                    minutes);
            return 30;
        }
        return minutes;
    }

    @Deactivate
    void deactivate() {
        for (Server published : new Server[] {server, fallback}) {
            if (published != null) {
                published.destroy();
            }
        }
        server = null;
        fallback = null;
    }

    static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(TopLevelTaskSettings.module())
                .addMixIn(EventTask.class, EventTaskMixin.class)
                .addMixIn(RemovalPolicy.class, RemovalPolicyMixin.class)
                // is-getters are derived flags such as Schedule.isCron(), never fields of a record
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
