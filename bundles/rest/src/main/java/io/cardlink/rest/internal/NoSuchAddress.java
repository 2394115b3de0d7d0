package io.cardlink.rest.internal;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Response;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;

/**
 * Everything below CXF's servlet that is not the API: answered 404 in the API's error shape, where CXF would answer
 * with a page of HTML. CXF hands a request to the endpoint with the longest matching address, so this one at
 * {@code /} gets only what no other endpoint takes.
 */
@Path("/")
public class NoSuchAddress {

    /** Never reached: the filter answers first. JAX-RS wants a resource method. */
    @GET
    public Response unreachable() {
        return answer();
    }

    static Response answer() {
        return ErrorBody.response(404, "no such resource");
    }

    static Server server() {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(BusFactory.getDefaultBus(true));
        factory.setAddress("/");
        factory.setResourceClasses(NoSuchAddress.class);
        factory.setResourceProvider(NoSuchAddress.class, new SingletonResourceProvider(new NoSuchAddress()));
        factory.setProviders(List.of(new Answer(), new JacksonJsonProvider(RestServer.objectMapper())));
        return factory.create();
    }

    @PreMatching
    static final class Answer implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            request.abortWith(answer());
        }
    }
}
