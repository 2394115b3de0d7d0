package io.cardlink.esm.client;

import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaContractTest extends EmulatorFixture {

    @Test
    void listsTemplates() {
        List<TemplateInfo> templates = client().templates();
        assertTrue(templates.stream().anyMatch(t -> t.code().equals("incident") && t.name() != null), templates.toString());
        assertTrue(templates.stream().anyMatch(t -> t.code().equals("person")), templates.toString());
    }

    @Test
    void describesATemplate() {
        TemplateSchema incident = client().template("incident");
        assertEquals("incident", incident.code());
        assertTrue(incident.allowsFolder("incident_management"), incident.allowedFolders().toString());
        AttributeSchema status = incident.attribute("status").orElseThrow();
        assertEquals(AttributeType.STATIC_VALUE, status.type());
        assertFalse(status.choices().isEmpty());
        assertEquals(AttributeType.NUMBER, incident.attribute("priority").orElseThrow().type());
        assertEquals(AttributeType.DATE, incident.attribute("due_date").orElseThrow().type());
        AttributeSchema customer = incident.attribute("customer").orElseThrow();
        assertEquals(AttributeType.REFERENCE, customer.type());
        assertEquals(List.of("person"), customer.targetTemplates());
        assertTrue(incident.attribute("tags").orElseThrow().multiValue());
        assertFalse(incident.attribute("subject").orElseThrow().multiValue());
        assertTrue(incident.attribute("attachments").orElseThrow().file());
        assertEquals(AttributeType.WORKLOG, incident.attribute("worklog").orElseThrow().type());
    }

    @Test
    void anUnknownTemplateIsNotFound() {
        EsmNotFoundException e = assertThrows(EsmNotFoundException.class, () -> client().template("no_such_template"));
        assertEquals(404, e.status());
        assertEquals("/dc/no_such_template", e.path());
    }

    @Test
    void templateCodesAreEncodedAsPathSegments() {
        assertThrows(EsmNotFoundException.class, () -> client().template("a/b c?d"));
    }
}
