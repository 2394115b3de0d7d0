/** The stores on Aries JPA with Hibernate, and the schema migrations they depend on. Never exported. */
package io.cardlink.storage.jpa.internal;
