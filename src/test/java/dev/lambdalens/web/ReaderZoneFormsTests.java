package dev.lambdalens.web;

import java.time.Instant;

import dev.lambdalens.testing.DemoDataConfiguration;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A time typed into a form means what it means on the reader's clock, the one every time on the page is shown in:
 * a silence's end and a token's last valid day in the zone the reader chose, labelled with it; a channel's messages
 * in the zone set for it, which is checked.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(DemoDataConfiguration.class)
class ReaderZoneFormsTests {

    static final Cookie TOKYO = new Cookie("lambdalens-zone", "Asia/Tokyo");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldOfferAndReadASilencesEndInTheReadersZone() throws Exception {
        // the demo's clock reads 2026-11-28T12:00:30Z: an hour later is 22:00 in Tokyo
        String form = this.mvc.perform(get("/alerts/silences").cookie(TOKYO).accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(form).contains("Ends at (<span>Asia/Tokyo</span>)").contains("value=\"2026-11-28T22:00");

        this.mvc.perform(post("/alerts/silences").cookie(TOKYO)
            .param("endsAt", "2026-11-28T23:30")
            .param("functionPattern", "zone-*")
            .param("comment", "typed in Tokyo"))
            .andExpect(redirectedUrl("/alerts/silences"));
        Instant ends = this.jdbc.sql("select ends_at from silence where comment = 'typed in Tokyo'")
            .query(Instant.class)
            .single();
        assertThat(ends).isEqualTo(Instant.parse("2026-11-28T14:30:00Z"));

        // 20:30 in Tokyo is 11:30 UTC, already past: refused as such, not stored as a UTC time still ahead
        this.mvc.perform(post("/alerts/silences").cookie(TOKYO)
            .param("endsAt", "2026-11-28T20:30")
            .param("functionPattern", "zone-*")
            .param("comment", "past in Tokyo"))
            .andExpect(status().isOk());
        assertThat(this.jdbc.sql("select count(*) from silence where comment = 'past in Tokyo'")
            .query(Long.class)
            .single()).isZero();
    }

    @Test
    void shouldEndATokenAtTheEndOfItsLastDayInTheReadersZone() throws Exception {
        this.mvc.perform(post("/settings/tokens").cookie(new Cookie("lambdalens-zone", "America/New_York"))
            .param("name", "zone-new-york")
            .param("role", "VIEWER")
            .param("expiresOn", "2026-12-31"))
            .andExpect(status().is3xxRedirection());
        Instant expires = this.jdbc.sql("select expires_at from api_token where name = 'zone-new-york'")
            .query(Instant.class)
            .single();
        assertThat(expires).isEqualTo(Instant.parse("2027-01-01T05:00:00Z"));
        String settings = this.mvc.perform(get("/settings").cookie(new Cookie("lambdalens-zone", "America/New_York"))
            .accept(MediaType.TEXT_HTML)).andReturn().getResponse().getContentAsString();
        assertThat(settings).contains("last valid day, <span>America/New_York</span>");
    }

    @Test
    void shouldKeepAChannelsZoneAndRefuseOneThatIsNotAZoneNamingTheField() throws Exception {
        String created = this.mvc.perform(post("/api/v1/channels").contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"zone-berlin\", \"type\": \"WEBHOOK\", \"url\": \"http://127.0.0.1:9/hook\", "
                    + "\"timeZone\": \"Europe/Berlin\"}"))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(created).contains("\"timeZone\":\"Europe/Berlin\"");
        for (String bad : new String[] { "Mars/Olympus_Mons", "+02:00", "Etc/GMT-2", "CET-ish" }) {
            String refused = this.mvc.perform(post("/api/v1/channels").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"zone-bad\", \"type\": \"WEBHOOK\", \"url\": \"http://127.0.0.1:9/hook\", "
                        + "\"timeZone\": \"" + bad + "\"}"))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
            assertThat(refused).contains("timeZone").contains(bad);
        }
        String page = this.mvc.perform(post("/channels").param("name", "zone-form")
            .param("type", "WEBHOOK")
            .param("url", "http://127.0.0.1:9/hook")
            .param("minimumSeverity", "WARNING")
            .param("timeZone", "Mars/Olympus_Mons")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("must be a time zone such as Europe/Berlin")
            .contains("value=\"Mars/Olympus_Mons\"")
            .contains("value=\"zone-form\"");
    }
}
