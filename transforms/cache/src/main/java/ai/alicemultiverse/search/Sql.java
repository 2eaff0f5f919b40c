package ai.alicemultiverse.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL text with its parameters kept beside it: user input only ever travels as a bound
 * parameter, never inside the text.
 */
final class Sql {
  private final StringBuilder text = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  /** Appends {@code fragment}; its {@code ?} placeholders take {@code values} in order. */
  Sql add(String fragment, Object... values) {
    long placeholders = fragment.chars().filter(c -> c == '?').count();
    if (placeholders != values.length) {
      throw new IllegalStateException("'" + fragment + "' has " + placeholders + " placeholders for "
          + values.length + " values");
    }
    text.append(fragment);
    params.addAll(List.of(values));
    return this;
  }

  /** Appends {@code (?, ?, ...)} for the values. */
  Sql list(List<?> values) {
    text.append('(');
    for (int i = 0; i < values.size(); i++) {
      text.append(i == 0 ? "?" : ", ?");
      params.add(values.get(i));
    }
    text.append(')');
    return this;
  }

  Sql append(Sql other) {
    text.append(other.text);
    params.addAll(other.params);
    return this;
  }

  String text() {
    return text.toString();
  }

  List<Object> params() {
    return List.copyOf(params);
  }

  PreparedStatement prepare(Connection db) throws SQLException {
    PreparedStatement statement = db.prepareStatement(text.toString());
    for (int i = 0; i < params.size(); i++) {
      statement.setObject(i + 1, params.get(i));
    }
    return statement;
  }

  @Override
  public String toString() {
    return text + " " + params;
  }
}
