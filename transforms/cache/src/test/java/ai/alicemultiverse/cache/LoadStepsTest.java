package ai.alicemultiverse.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each statement of a load is named after what it makes and timed, in the order it ran. */
class LoadStepsTest {
  @Test
  void namesAndTimesEachStatement() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
      LoadSteps steps = new LoadSteps(sql);
      steps.execute("CREATE TABLE assets (n INTEGER)");
      steps.execute("INSERT INTO assets SELECT range FROM range(200000)");
      steps.execute("CREATE TEMP TABLE search_ids AS SELECT n FROM assets");
      steps.execute("CREATE UNIQUE INDEX search_assets_id ON assets (n)");
      steps.execute("DROP TABLE search_ids");
      List<LoadSteps.Step> done = steps.steps();
      assertThat(done).extracting(LoadSteps.Step::name).containsExactly("create table assets",
          "insert into assets", "create temp table search_ids", "create unique index search_assets_id",
          "drop table search_ids");
      assertThat(done).allSatisfy(s -> assertThat(s.seconds()).isGreaterThan(0));
      try (var rows = sql.executeQuery("SELECT count(*) FROM assets")) {
        rows.next();
        assertThat(rows.getLong(1)).isEqualTo(200_000);
      }
    }
  }
}
