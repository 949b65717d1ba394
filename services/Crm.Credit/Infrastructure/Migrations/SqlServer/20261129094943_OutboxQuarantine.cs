using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Credit.Infrastructure.Migrations.SqlServer
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
                type: "uniqueidentifier",
                nullable: true);

            // Rows already waiting keep their place in their customer's order: the key comes from the event's body.
            migrationBuilder.Sql("""
                UPDATE [OutboxMessages] SET [CustomerId] = TRY_CONVERT(uniqueidentifier, JSON_VALUE([Body], '$.customerId')) WHERE ISJSON([Body]) = 1;
                """);

            migrationBuilder.CreateTable(
                name: "OutboxQuarantine",
                columns: table => new
                {
                    SequenceNumber = table.Column<long>(type: "bigint", nullable: false),
                    MessageId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MessageType = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Body = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    TraceParent = table.Column<string>(type: "nvarchar(55)", maxLength: 55, nullable: true),
                    TraceState = table.Column<string>(type: "nvarchar(512)", maxLength: 512, nullable: true),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    Error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    QuarantinedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
