package io.cardlink.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import org.junit.jupiter.api.Test;

class AccessRulesTest {

    private record Endpoint(Class<?> resource, Method method) {
        boolean isRead() {
            return method.isAnnotationPresent(GET.class);
        }

        Set<Role> allowed() {
            return AccessRules.allowed(resource, method);
        }

        @Override
        public String toString() {
            return resource.getSimpleName() + "." + method.getName();
        }
    }

    private static List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> resource : RestServer.RESOURCES) {
            for (Method method : resource.getMethods()) {
                if (method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(POST.class)
                        || method.isAnnotationPresent(PUT.class) || method.isAnnotationPresent(DELETE.class)) {
                    endpoints.add(new Endpoint(resource, method));
                }
            }
        }
        return endpoints;
    }

    @Test
    void adminsMayCallEverything() {
        for (Endpoint endpoint : endpoints()) {
            assertTrue(endpoint.allowed().contains(Role.ADMIN), endpoint.toString());
        }
    }

    @Test
    void viewersReadAndChangeNothingButTheirOwnSignInAndReadNoLogs() {
        for (Endpoint endpoint : endpoints()) {
            boolean ownSession = endpoint.resource() == SessionResource.class;
            // the metrics are the monitor's; a log says more than a viewer needs (hosts, users, card keys)
            boolean notForViewers = endpoint.resource() == MetricsResource.class
                    || endpoint.resource() == OperationsResources.Logs.class
                    || endpoint.resource() == OperationsResources.RunLog.class;
            assertEquals((endpoint.isRead() && !notForViewers) || ownSession, endpoint.allowed().contains(Role.VIEWER),
                    endpoint.toString());
        }
    }

    @Test
    void theMonitorReadsTheMetricsAndNothingElse() {
        List<String> monitor = endpoints().stream().filter(e -> e.allowed().contains(Role.MONITOR))
                .map(Endpoint::toString).toList();
        assertEquals(List.of("MetricsResource.scrape"), monitor);
    }

    @Test
    void onlyTheSignInNeedsNoCredentials() {
        List<String> open = endpoints().stream()
                .filter(e -> e.method().isAnnotationPresent(Unauthenticated.class))
                .map(Endpoint::toString).toList();
        assertEquals(List.of("SessionResource.signIn"), open);
    }

    @Test
    void theWorkflowEngineReachesOnlyTheOrchestrationEndpoints() {
        List<String> workflow = endpoints().stream().filter(e -> e.allowed().contains(Role.WORKFLOW))
                .map(Endpoint::toString).sorted().toList();
        assertEquals(List.of("ConnectorTaskCards.submit", "OpenApiResource.document", "OperationDetail.get",
                "Targets.list", "TaskCards.submit"), workflow);
    }

    @Test
    void onlyAdminsReplayDiscardAndRelease() {
        List<String> operatorActions = endpoints().stream()
                .filter(e -> List.of("replay", "replayDead", "discard", "discardAll", "release")
                        .contains(e.method().getName()))
                .map(e -> e + " " + e.allowed()).sorted().toList();
        assertEquals(List.of("OperationDiscard.discard [ADMIN]", "OperationReplay.replay [ADMIN]",
                "TaskHeldCards.release [ADMIN]", "TaskOperations.discardAll [ADMIN]",
                "TaskOperations.replayDead [ADMIN]"), operatorActions);
    }

    @Test
    void aCallerNeedsOneOfTheAllowedRoles() {
        Set<Role> allowed = Set.of(Role.ADMIN, Role.WORKFLOW);
        assertTrue(AccessRules.permits(new Caller("wf", Set.of(Role.WORKFLOW)), allowed));
        assertTrue(AccessRules.permits(new Caller("both", Set.of(Role.VIEWER, Role.ADMIN)), allowed));
        assertFalse(AccessRules.permits(new Caller("viewer", Set.of(Role.VIEWER)), allowed));
    }
}
