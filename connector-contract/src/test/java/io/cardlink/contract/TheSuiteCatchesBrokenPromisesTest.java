package io.cardlink.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.cardlink.api.UnavailableException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.api.connector.ConnectionConfig;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.ReadRequest;
import io.cardlink.api.connector.WriteOutcome;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.TestExecutionResult;

/**
 * The suite is worth running only if it fails a type that breaks a promise: each broken gateway here breaks one,
 * and exactly the contract tests about that promise fail.
 */
class TheSuiteCatchesBrokenPromisesTest {

    @Test
    void aGatewayThatIgnoresWhichCardsAreAskedForFailsTheSelectionTests() {
        assertEquals(Set.of("aCreatedCardIsReadBackByItsId", "aReadByKeysReturnsExactlyTheCardsWithThoseKeys",
                "aKeyOrIdCannotWidenWhatAReadPicks", "anUpsertAnswersEveryCardInOrderAndARefusedCardIsAnOutcome",
                "anUpsertOfACardWithAnIdUpdatesThatCard", "anUpdateChangesOnlyTheAttributesItCarries",
                "aDeletedCardIsReadOnlyFromTheTrashAndDeletingItAgainIsNoError",
                "anIncrementalReadFindsWhatChangedSinceItsBoundAndNothingOlder"),
                failures(IgnoresMatch.class));
    }

    @Test
    void aGatewayThatThrowsForARefusedCardFailsTheUpsertTest() {
        assertEquals(Set.of("anUpsertAnswersEveryCardInOrderAndARefusedCardIsAnOutcome"),
                failures(ThrowsOnRefusal.class));
    }

    @Test
    void aGatewayThatCallsAnOutageAPermanentFailureFailsTheOutageTest() {
        assertEquals(Set.of("aReadOfAnInstanceThatDoesNotAnswerFailsSoThatItIsTriedAgain"),
                failures(OutageIsPermanent.class));
    }

    /** Runs the suite against one broken type and answers the names of the tests that failed. */
    private static Set<String> failures(Class<?> suite) {
        Set<String> failed = new TreeSet<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(suite))
                .build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest() && result.getStatus() == TestExecutionResult.Status.FAILED) {
                    failed.add(test.getDisplayName().replace("()", ""));
                }
            }
        });
        return failed;
    }

    /** The contract over a store in memory whose gateway is wrapped by a broken one. */
    abstract static class BrokenContract extends ConnectorContract {
        private static final String STORE = InMemoryConnectorType.newStore("thing", "name", "note");

        abstract InstanceGateway broken(InstanceGateway working);

        @Override
        protected ConnectorType type() {
            return new InMemoryConnectorType() {
                @Override
                InstanceGateway gateway(String name) {
                    return broken(super.gateway(name));
                }
            };
        }

        @Override
        protected ConnectionConfig reachableConfig() {
            return InMemoryContractTest.config(STORE);
        }

        @Override
        protected ConnectionConfig unreachableConfig() {
            return InMemoryContractTest.config("nobody-registered-this-store");
        }

        @Override
        protected ContractTemplate template() {
            return new ContractTemplate("thing", null, "name", "note");
        }
    }

    static class IgnoresMatch extends BrokenContract {
        @Override
        InstanceGateway broken(InstanceGateway working) {
            return new Delegating(working) {
                @Override
                public CardCursor read(ReadRequest request) {
                    return super.read(new ReadRequest(request.templateCode(), request.folderCode(),
                            request.taskSettings(), request.updatedSince(), request.attributes(), null,
                            request.includeRemoved()));
                }
            };
        }
    }

    static class ThrowsOnRefusal extends BrokenContract {
        @Override
        InstanceGateway broken(InstanceGateway working) {
            return new Delegating(working) {
                @Override
                public List<WriteOutcome> upsert(String templateCode, List<DataCard> cards) {
                    List<WriteOutcome> outcomes = super.upsert(templateCode, cards);
                    outcomes.stream().filter(outcome -> !outcome.ok()).findFirst().ifPresent(outcome -> {
                        throw new ValidationException("card", outcome.error());
                    });
                    return outcomes;
                }
            };
        }
    }

    static class OutageIsPermanent extends BrokenContract {
        @Override
        InstanceGateway broken(InstanceGateway working) {
            return new Delegating(working) {
                @Override
                public CardCursor read(ReadRequest request) {
                    try {
                        return super.read(request);
                    } catch (UnavailableException e) {
                        throw new ValidationException("store", e.getMessage());
                    }
                }
            };
        }
    }
}
