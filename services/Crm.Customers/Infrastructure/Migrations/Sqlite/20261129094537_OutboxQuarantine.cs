using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxQuarantine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CustomerId",
                table: "OutboxMessages",
                type: "TEXT",
                nullable: true);

            // Rows already waiting keep their place in their customer's order: the key comes from the event's body.
            migrationBuilder.Sql("""
                UPDATE "OutboxMessages" SET "CustomerId" = upper(json_extract("Body", '$.customerId')) WHERE json_valid("Body");
                """);

            migrationBuilder.CreateTable(
                name: "OutboxQuarantine",
                columns: table => new
                {
                    SequenceNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MessageType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TraceParent = table.Column<string>(type: "TEXT", maxLength: 55, nullable: true),
                    TraceState = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    QuarantinedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxQuarantine", x => x.SequenceNumber);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxQuarantine_CustomerId",
                table: "OutboxQuarantine",
                column: "CustomerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutboxQuarantine");

            migrationBuilder.DropColumn(
                name: "CustomerId",
                table: "OutboxMessages");
        }
    }
}
